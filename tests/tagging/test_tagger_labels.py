"""Short 1-on-1 sentences get exactly the expected labels (negatives included)."""

from __future__ import annotations

import pytest

from highlights.tagging.tagger import Tagger

from .conftest import labels_of

CASES: list[tuple[str, set[str]]] = [
    # PRIORITY
    ("This is your top priority for the promotion.", {"PRIORITY", "RELEVANCE"}),
    ("If you do one thing this quarter, make it the migration.", {"PRIORITY", "DEADLINE"}),
    ("Focus on the migration first.", {"PRIORITY"}),
    ("Let's park the dashboard for now.", {"PRIORITY"}),
    ("That's not a priority right now.", {"PRIORITY"}),
    ("The onboarding docs can wait.", {"PRIORITY"}),
    ("I can wait for the review.", set()),
    ("That can wait until after the launch.", {"PRIORITY"}),
    ("The most important thing is to get the baseline running.", {"PRIORITY"}),
    ("Let's do the design review first.", {"PRIORITY", "ACTION"}),
    ("Put the reporting work on hold.", {"PRIORITY"}),
    # RELEVANCE
    ("This matters for your promotion.", {"RELEVANCE"}),
    ("It ties into the team's OKR.", {"RELEVANCE"}),
    ("Customers keep asking for it.", {"RELEVANCE"}),
    ("It feeds the team's Q3 goal.", {"RELEVANCE"}),
    ("That's why we record the sessions.", {"RELEVANCE"}),
    # ACTION
    ("I'll send the plan.", {"ACTION"}),
    ("Can you review Priya's PR?", {"ACTION"}),
    ("Let's meet again Thursday.", {"ACTION"}),
    ("Please update the runbook.", {"ACTION"}),
    ("Sam will draft the proposal.", {"ACTION"}),
    ("You should talk to the platform team.", {"ACTION"}),
    ("I'm going to write it up.", {"ACTION"}),
    ("Let me check with legal.", {"ACTION"}),
    ("Let me think about it.", set()),
    ("I had a look at the slides.", set()),
    # DECISION
    ("We'll go with Postgres.", {"DECISION"}),
    ("Agreed, we drop the beta.", {"DECISION"}),
    ("We decided to keep the old API.", {"DECISION"}),
    ("We haven't decided yet.", set()),
    ("We could go with Redis, I'm not sure.", set()),
    ("I agree with your point.", set()),
    # DEADLINE
    ("I need it by Friday.", {"ACTION", "DEADLINE"}),
    ("It has to be live by end of Q2.", {"DEADLINE"}),
    ("We should have a first version within six weeks.", {"ACTION", "DEADLINE", "METRIC"}),
    ("The deadline is tight.", {"DEADLINE", "BLOCKER"}),
    ("Last Friday we shipped it.", set()),
    ("That was due to the outage.", {"BLOCKER"}),
    # METRIC
    ("Bring the error rate from 15% to 10%.", {"ACTION", "METRIC"}),
    ("8 out of 10 users stayed.", {"METRIC"}),
    ("You closed ten tickets.", {"METRIC"}),
    ("The budget is 20 thousand euros.", {"METRIC"}),
    ("We had a one-on-one on it.", set()),
    ("I want to talk about two things.", set()),
    # BLOCKER
    ("I'm blocked on access.", {"BLOCKER"}),
    ("I keep getting pulled into incidents.", {"BLOCKER"}),
    ("I felt overwhelmed by the setup.", {"BLOCKER"}),
    ("The build keeps failing.", {"BLOCKER"}),
    ("We don't have enough time.", {"BLOCKER"}),
    ("The problem is the test data.", {"BLOCKER"}),
    ("No problem.", set()),
    ("No worries.", set()),
    ("It's not a problem for us.", set()),
    ("Nothing is blocking me right now.", set()),
    ("That wasn't too hard.", set()),
    ("We fixed the issue with the cache.", set()),
    # FEEDBACK
    ("Great job on the demo.", {"FEEDBACK"}),
    ("One thing to work on is your estimates.", {"FEEDBACK"}),
    ("Thanks for handling the release.", {"FEEDBACK"}),
    ("The customer feedback was mixed.", {"RELEVANCE"}),
    # GOAL
    ("My goal is to lead a project this year.", {"GOAL", "DEADLINE"}),
    ("That's a stretch goal.", {"GOAL", "PRIORITY"}),
    ("I want to become a staff engineer.", {"GOAL"}),
    # more phrasing
    ("I'm waiting on the security review.", {"BLOCKER"}),
    ("It's holding the release up.", {"BLOCKER"}),
    ("You handled that escalation really well.", {"FEEDBACK"}),
    ("We're not going to do the rewrite.", {"DECISION"}),
    ("Can we push the demo to next Tuesday?", {"ACTION", "DEADLINE"}),
    ("Ping me if anything comes up.", {"ACTION"}),
    ("I'd love to mentor a junior engineer.", {"GOAL"}),
    ("The design doc is the most important deliverable for you right now.", {"PRIORITY"}),
    # hedges, past narration, in-meeting narration
    ("I'll try to get a first draft out.", {"ACTION"}),
    ("So now I'll walk you through the new process.", set()),
    ("Let me share my screen.", set()),
    ("Give me a second.", set()),
    ("I was out on Monday.", set()),
    ("On Monday I talked to Priya.", set()),
    ("I don't see any issue with that.", set()),
    ("Let's not rush the migration.", {"DECISION"}),
    ("Okay, let's do that then.", {"ACTION", "DECISION"}),
    ("The team voted to keep the old API.", {"DECISION"}),
    ("The reliability work comes before new features.", {"PRIORITY"}),
    ("Can we push the export to next quarter?", {"PRIORITY", "ACTION", "DEADLINE"}),
    ("I'll present it at the next all hands.", {"ACTION", "DEADLINE"}),
    ("The staging server is down again.", {"BLOCKER"}),
    ("We're short two engineers.", {"BLOCKER"}),
    ("That would have been a lot easier with the specs.", {"BLOCKER"}),
    ("About one in five builds fails.", {"METRIC", "BLOCKER"}),
    # none
    ("Morning, how was your weekend?", set()),
    ("The weather was lovely.", set()),
    ("Sounds good, thanks.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentence_labels(tagger: Tagger, text: str, expected: set[str]) -> None:
    assert labels_of(tagger, text) == expected
