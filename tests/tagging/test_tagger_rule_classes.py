"""Classes of statements the rules tell apart: a positive and a negative side for each.

Each case says whether one label is expected or not; other labels are left to
``test_tagger_labels.py``.
"""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.language import Language

from highlights.tagging.nlp import SPANS_KEY, build_nlp
from highlights.tagging.rules import Rule, pattern_problem, register_token_extensions
from highlights.tagging.tagger import Tagger

from .conftest import labels_of

# (text, label, expected)
CASES: list[tuple[str, str, bool]] = [
    # Talking or thinking aloud in the meeting is not a task; a follow-up after it is.
    ("Let me explain how the on-call rota works.", "ACTION", False),
    ("Let me just summarise where we landed.", "ACTION", False),
    ("Let me ask you something about the offsite.", "ACTION", False),
    ("Let me confirm that, you're the one presenting?", "ACTION", False),
    ("Okay, let me confirm that.", "ACTION", False),
    ("Let me check with finance and get back to you.", "ACTION", True),
    ("Let me confirm the dates with the venue.", "ACTION", True),
    ("Let me ask legal about the contract.", "ACTION", True),
    # "we'll do that." accepts a proposal: a decision, not a new task.
    ("Fine, we'll do that.", "DECISION", True),
    ("Fine, we'll do that.", "ACTION", False),
    ("we'll just do this then", "DECISION", True),
    ("we'll just do this then", "ACTION", False),
    ("We'll do that after the release.", "ACTION", True),
    ("We'll do that after the release.", "DECISION", False),
    ("I'll do that.", "ACTION", True),
    ("I'll do that.", "DECISION", False),
    # The items of an agenda for this meeting are not tasks.
    (
        "So we're going to talk about your goals and we're going to look at the rota.",
        "ACTION",
        False,
    ),
    ("we're gonna go through the numbers and then we're gonna review your plan", "ACTION", False),
    ("We're going to look at the flaky tests next sprint.", "ACTION", True),
    ("We're going to go over the roadmap and then I'll send you the notes.", "ACTION", True),
    # What one does in a supposed case is not a commitment; an offer on a condition is.
    ("If I want to move teams, I'll have to talk to my skip.", "ACTION", False),
    ("If you want to deploy on a Friday, you have to ask ops first.", "ACTION", False),
    ("If you want, I'll send you the deck.", "ACTION", True),
    ("If you need anything, I can help with the migration.", "ACTION", True),
    ("If the export fails again, just ping me.", "ACTION", True),
    ("If you look at the chart, the numbers go up.", "ACTION", False),
    # A request given as a reason, or a condition in a time clause, is not a task.
    ("I only did the rota because I was asked to.", "ACTION", False),
    ("I've been asked to own the release checklist.", "ACTION", True),
    ("I need the credentials before I can start on the API.", "ACTION", False),
    ("Once we can get into the cluster, it should be quick.", "ACTION", False),
    ("I can start on the API tomorrow.", "ACTION", True),
    # Ordering a work step.
    ("Yes, do that first.", "ACTION", True),
    ("We did that first.", "ACTION", False),
    # Meeting logistics.
    ("We'll have a quick sync on Thursday.", "ACTION", True),
    ("We had a call about it yesterday.", "ACTION", False),
    # A supposed problem is not an obstacle; one that is there is.
    ("Let me know if you get stuck.", "BLOCKER", False),
    ("If the build breaks, we roll it back.", "BLOCKER", False),
    ("if it doesn't work we go back to the old setup", "BLOCKER", False),
    ("It looks as if the build is broken again.", "BLOCKER", True),
    ("The build is broken, so I can't test.", "BLOCKER", True),
    # Owning or naming a mistake in the work.
    ("That was my mistake, I merged it too early.", "BLOCKER", True),
    ("The mistake was not looping in QA.", "BLOCKER", True),
    ("It's not my fault.", "BLOCKER", False),
    ("It would be a mistake to skip the tests.", "BLOCKER", False),
    ("Our error rate is down to two percent.", "BLOCKER", False),
    # Needing more time, money or people is a shortage; offering or asking is not.
    ("I need more time on the data model.", "BLOCKER", True),
    ("We need more people on the migration.", "BLOCKER", True),
    ("Do you need more time?", "BLOCKER", False),
    ("We don't need more people for this.", "BLOCKER", False),
    ("I can give you more time on it.", "BLOCKER", False),
    # Asking for something to be checked is a task; checking as a purpose is not.
    ("And see if Dana can cover the on-call shift.", "ACTION", True),
    ("Check whether legal signed off on the contract.", "ACTION", True),
    ("so find out if the venue is free on the twelfth", "ACTION", True),
    ("The goal of the spike was to see if we even need a cache.", "ACTION", False),
    ("I wanted to check if the numbers add up, and they do.", "ACTION", False),
    # A process or rule that constrains the work is an obstacle; one that allows is not.
    ("The process says you have to get two approvals for every deploy.", "BLOCKER", True),
    ("the policy forces us to wait a week for access", "BLOCKER", True),
    ("Compliance prevents us from using the shared bucket.", "BLOCKER", True),
    ("The brief is really unclear about who owns the rollout.", "BLOCKER", True),
    ("priorities keep shifting every week", "BLOCKER", True),
    ("The process says you can deploy any time.", "BLOCKER", False),
    ("The spec says the export is a CSV.", "BLOCKER", False),
    ("The requirements are clear now.", "BLOCKER", False),
    # "gotta" is "got" + "ta"; having got something is not a task.
    ("we gotta fix the release notes", "ACTION", True),
    ("We've gotta ship the hotfix.", "ACTION", True),
    ("We've got one reviewer for the whole team.", "ACTION", False),
    # Suggestions to the listener and "what we can do is…" proposals are tasks.
    ("You might want to loop in Priya before the review.", "ACTION", True),
    ("you may wanna send that to the whole team", "ACTION", True),
    ("So what we can do is split the migration into two parts.", "ACTION", True),
    ("What I'd suggest is you pair with Sam on the first ticket.", "ACTION", True),
    ("Who's sending the invite for the offsite?", "ACTION", True),
    ("Who was at the offsite?", "ACTION", False),
    # A step in a described sequence, and a negated need, are not tasks.
    ("You open the ticket and then you have to wait for the bot to pick it up.", "ACTION", False),
    ("Because you have to restart it every time, nobody uses it.", "ACTION", False),
    ("It's not something I need to push through this quarter.", "ACTION", False),
    ("It's something I need to push through this quarter.", "ACTION", True),
    # Dropping something that was planned is a choice.
    ("So we're not gonna do the offsite anymore.", "DECISION", True),
    ("We'll no longer run the weekly demo.", "DECISION", True),
    ("We're not gonna have any time for it.", "DECISION", False),
    # Constraints, lost time and things that have to give are obstacles.
    ("The approval step really hampers the team.", "BLOCKER", True),
    ("I feel boxed in by the old design.", "BLOCKER", True),
    ("My hands are tied on the budget.", "BLOCKER", True),
    ("That would increase the cost of the pilot.", "BLOCKER", True),
    ("We wasted a whole day on the flaky environment.", "BLOCKER", True),
    ("Honestly the weekly report is a waste of time.", "BLOCKER", True),
    ("I spent way too long on the slides.", "BLOCKER", True),
    ("With the launch and the hiring, something has to give.", "BLOCKER", True),
    ("It would be a lot easier if we had a staging environment.", "BLOCKER", True),
    ("It would be easier to just call him.", "BLOCKER", False),
    ("I spent a lot of time mentoring the new hires.", "BLOCKER", False),
    ("We should restrict access to the admin page.", "BLOCKER", False),
    ("The on-call rota is contrary to everything we said about focus time.", "BLOCKER", True),
    ("Splitting the team works against the migration.", "BLOCKER", True),
    ("Honestly the extra status meeting is counter-productive.", "BLOCKER", True),
    ("On the contrary, the review went well.", "BLOCKER", False),
    ("It works with the old API too.", "BLOCKER", False),
    # Ages are descriptions, not measures; the ends of a rating scale are measures.
    ("My two-year-old was sick all week.", "METRIC", False),
    ("It's aimed at ten-year-olds.", "METRIC", False),
    ("On this scale one is high and seven is low.", "METRIC", True),
    ("Yeah, ten is the best.", "METRIC", True),
    # Recording an agreed value is a choice.
    ("So we're writing down four.", "DECISION", True),
    ("Let's put down three for the team score.", "DECISION", True),
    ("I wrote down four ideas.", "DECISION", False),
    # Announcing what the plan or design will have is a choice; a coming problem is not.
    ("We're gonna have the volume control on the side.", "DECISION", True),
    ("We're going to have a problem with the deadline.", "DECISION", False),
    ("we're going to have a meeting about it", "DECISION", False),
    ("We're gonna use the red button as the power button.", "DECISION", True),
    ("So we'll go two.", "DECISION", True),
    # Offering a task is an action; asking what something can do is not.
    ("Do you want me to send the notes round?", "ACTION", True),
    ("Would you like me to book the room?", "ACTION", True),
    ("What else can you do with the new dashboard?", "ACTION", False),
    # Ratings given with a hedge or as a range are measures.
    ("I'd give that nearly a one.", "METRIC", True),
    ("I would say five or six.", "METRIC", True),
    ("I'd say one thing about that.", "METRIC", False),
    # Overruns, forced cuts, tools that get in the way, low morale and scarcity are obstacles.
    ("So we're quite far over.", "BLOCKER", True),
    ("Well over a hundred people came to the demo.", "BLOCKER", False),
    ("The meeting is already over.", "BLOCKER", False),
    ("We've had to drop two of the features we wanted.", "BLOCKER", True),
    ("The new tool doesn't support multiple reviewers.", "BLOCKER", True),
    ("I don't support that proposal.", "BLOCKER", False),
    ("Honestly the reorg has been pretty demotivating.", "BLOCKER", True),
    ("We only have very limited access to the logs.", "BLOCKER", True),
    ("We only have a few questions for you.", "BLOCKER", False),
    ("and the time given also restricts", "BLOCKER", True),
    # A yes/no question asks whether there is an obstacle; a tag question asserts one.
    ("Do you think the new tools just provide distraction?", "BLOCKER", False),
    ("Are you still blocked on the access request?", "BLOCKER", False),
    ("The build is broken again, isn't it?", "BLOCKER", True),
    ("How are we supposed to ship this when the build is broken?", "BLOCKER", True),
    ("It predisposes you to quite the contrary of teamwork.", "BLOCKER", True),
    # Ordering work to the end is a priority call.
    ("Let's leave the budget discussion for last.", "PRIORITY", True),
    ("Do you want me to do my evaluation last?", "PRIORITY", True),
    ("We did the retro last week.", "PRIORITY", False),
    # What the work set out to achieve is why it matters.
    ("I'm just thinking about what we originally set out to do.", "RELEVANCE", True),
    ("I set out the chairs before the meeting.", "RELEVANCE", False),
    # Ordinals are enumerations and past stretches of time are not measures.
    ("How's your second week going?", "METRIC", False),
    ("it's been a lot the last two weeks", "METRIC", False),
    ("We want the error rate under two percent.", "METRIC", True),
    # Workload, doubt, silence, mess and gaps are obstacles; nobody waiting is not.
    ("it's been a lot the last two weeks", "BLOCKER", True),
    ("honestly it's been a lot", "BLOCKER", True),
    ("It's been a lot of fun.", "BLOCKER", False),
    ("I don't think I can do all three of them well.", "ACTION", False),
    ("I don't think I can do all three of them well.", "BLOCKER", True),
    ("nobody's answered my ticket since tuesday", "BLOCKER", True),
    ("Nobody's waiting on it, it was always a Q3 thing.", "BLOCKER", False),
    ("The part that's dragging is the backfill.", "BLOCKER", True),
    ("That's not you, it's a known mess.", "BLOCKER", True),
    ("It wasn't anyone's fault, it was a process gap.", "BLOCKER", True),
    ("The only thing is the report is due the 24th.", "BLOCKER", True),
    ("The thing is, I really like the project.", "BLOCKER", False),
    ("The one area that dropped was clarity, and that's on me.", "BLOCKER", True),
    ("Yeah, that's me.", "BLOCKER", False),
    ("Support gets complaints about it every week.", "BLOCKER", True),
    ("The setup command doesn't even exist anymore.", "BLOCKER", True),
    ("so when priorities change mid sprint that's kind of rough", "BLOCKER", True),
    # Feelings, capacity, dependencies, friction, missed dates and risks are obstacles.
    ("I'm honestly slammed this week.", "BLOCKER", True),
    ("I feel a bit lost on the new codebase.", "BLOCKER", True),
    ("We're falling behind on the migration.", "BLOCKER", True),
    ("I can't keep up with the review queue.", "BLOCKER", True),
    ("I can keep up with the review queue.", "BLOCKER", False),
    ("It's hard to keep up with the review queue.", "BLOCKER", True),
    ("Why do you think that is?", "ACTION", False),
    ("Why don't you pair with Luis on it?", "ACTION", True),
    ("The team is at capacity.", "BLOCKER", True),
    ("We have a dependency on the platform team.", "BLOCKER", True),
    ("It depends on what you want to focus on.", "BLOCKER", False),
    ("The change is still pending security review.", "BLOCKER", True),
    ("I've been chasing them for a week.", "BLOCKER", True),
    ("There's some friction with the design team.", "BLOCKER", True),
    ("We're not aligned on the scope yet.", "BLOCKER", True),
    ("Nobody really owns the deploy scripts.", "BLOCKER", True),
    ("Nobody saw it, honestly.", "BLOCKER", False),
    ("We're going to miss the release date.", "BLOCKER", True),
    ("I'm not going to make it by Friday.", "BLOCKER", True),
    ("The main risk is that QA won't finish in time.", "BLOCKER", True),
    ("The batteries are exhausted in some nodes.", "BLOCKER", False),
    # Short commitments, trying or keeping doing, and the next meeting are tasks.
    ("yeah yeah i will", "ACTION", True),
    ("Will do.", "ACTION", True),
    ("Next time, try sending the background as a pre-read.", "ACTION", True),
    ("and honestly keep telling me stuff like that", "ACTION", True),
    ("I try running every morning.", "ACTION", False),
    ("Okay, walk me through them.", "ACTION", True),
    ("Same slot next week?", "ACTION", True),
    ("Please actually use some of your leave.", "ACTION", True),
    ("Give me a second.", "ACTION", False),
    # Accepting a suggestion and confirming a plan are choices.
    ("Good idea, I'll include that.", "DECISION", True),
    ("Okay, then the plan holds.", "DECISION", True),
    ("That's a good idea in general.", "DECISION", False),
    # What someone will look for, work taken off a plate, and an ordered list set priorities.
    ("The cross-team piece is the main thing the committee will look for.", "PRIORITY", True),
    ("The main thing I'd want is for you to ship one small change.", "PRIORITY", True),
    ("Let's take the vendor evaluation off your plate.", "PRIORITY", True),
    ("Latency first, export right after, and the emails wait.", "PRIORITY", True),
    ("Sam spoke first, then Ana, then me.", "PRIORITY", False),
    # Customer commitments and preventing a repeat say why work matters.
    ("the audit export is kind of promised to the bank customer", "RELEVANCE", True),
    ("Add a config check so this can't happen again.", "RELEVANCE", True),
    # Days, ranges, absences and "by when?" are dates.
    ("I'll ping Dana right after this.", "DEADLINE", True),
    ("Promised for when?", "DEADLINE", True),
    ("I'm out from the 20th to the 27th.", "DEADLINE", True),
    ("Let's move our one-on-one to the Monday before.", "DEADLINE", True),
    ("monday's fine for me", "DEADLINE", True),
    ("Could you get it to me before you leave?", "DEADLINE", True),
    ("Having to tick it before you go off was a bit hindering.", "DEADLINE", False),
    ("Monday was rough.", "DEADLINE", False),
    ("We talked with the whole platform team about it on Monday.", "DEADLINE", False),
    ("We'll talk with the whole platform team about it on Monday.", "DEADLINE", True),
    ("Realistically you'd be looking at the spring cycle.", "DEADLINE", True),
    ("We want it live by the summer.", "DEADLINE", True),
    ("I fell off my bike.", "DEADLINE", False),
    ("That's a stretch goal, not something I'd hold you to.", "PRIORITY", True),
    ("For the new service we'll have Postgres rather than Mongo.", "DECISION", True),
    ("We'll probably have more questions than answers.", "DECISION", False),
    # More ways obstacles are said in 1-on-1s, each beside a near miss.
    ("we were two nurses short and had four admissions", "BLOCKER", True),
    ("I still can't export to pdf", "BLOCKER", True),
    ("I can't promise there won't be changes.", "BLOCKER", False),
    ("We're running at about 70% capacity.", "BLOCKER", True),
    ("The training slots are booked up until the 20th.", "BLOCKER", True),
    ("most of them are way too junior", "BLOCKER", True),
    ("That's way too kind of you.", "BLOCKER", False),
    ("Nine C is honestly the hardest group I've had in years.", "BLOCKER", True),
    ("Monthly is a stretch, but quarterly is easy.", "BLOCKER", True),
    ("That's a stretch goal.", "BLOCKER", False),
    ("the payments deadline was eating everything", "BLOCKER", True),
    ("We're about three weeks behind the date we gave them.", "BLOCKER", True),
    ("The migration turned out much bigger than scoped.", "BLOCKER", True),
    ("That's not going to fly with the sales team.", "BLOCKER", True),
    ("They've added four small things to the scope since July.", "BLOCKER", True),
    ("We rewrote the roadmap three times and nothing shipped.", "BLOCKER", True),
    ("I'm locked out of pretty much everything.", "BLOCKER", True),
    ("That feels high, given we only got about 800 last quarter.", "BLOCKER", True),
    ("Tooling keeps getting starved whenever there's a fire.", "BLOCKER", True),
    ("Half my tickets have been sitting since March.", "BLOCKER", True),
    ("The ERP sync failed twice overnight.", "BLOCKER", True),
    ("IT said the patch would go in last week, but it never did.", "BLOCKER", True),
    ("That's a hundred and forty lines by hand.", "BLOCKER", True),
    ("What do you mean by profile?", "BLOCKER", False),
    ("A few people are worried they're next.", "BLOCKER", True),
    ("The estimates basically get ignored.", "BLOCKER", True),
    ("It's partly on me for not pushing for written decisions.", "BLOCKER", True),
    ("That's hard to hear, but I'm glad you said it.", "BLOCKER", False),
    ("I'll tell their director so it doesn't land on you.", "BLOCKER", False),
    # More requests, offers and proposals; agenda openings and idioms are not tasks.
    ("Someone needs to tell the account managers.", "ACTION", True),
    ("Would you be willing to leave at six every day?", "ACTION", True),
    ("The main thing I need from you is the falls screen within the hour.", "ACTION", True),
    ("i just need preferences by next friday", "ACTION", True),
    ("Would it be worth trying a lighter format?", "ACTION", True),
    ("I dunno if it's worth getting into.", "ACTION", False),
    ("I'd start with the retry bug on the webhooks service.", "ACTION", True),
    ("I'd start with the retry bug on the webhooks service.", "PRIORITY", True),
    ("I can promise you'll hear about it from me first.", "ACTION", True),
    ("Okay, let's start with the pipeline.", "ACTION", False),
    ("Keep in mind the plan is anchored on that target.", "ACTION", False),
    ("How do you feel Tuesday went?", "ACTION", False),
    ("How about you take the first draft?", "ACTION", True),
    ("Good idea, I can do that.", "DECISION", False),
    ("We moved off RabbitMQ to SQS in May.", "DECISION", True),
    ("P1 response time is the only SLA I care about.", "PRIORITY", True),
    ("Let me talk to Mr Okafor first.", "PRIORITY", True),
    # Time frames: the next weeks, a day's event, a hard stop; five weeks left is remaining time.
    ("I'd rather you spent the next two weeks prospecting.", "DEADLINE", True),
    ("I'll take it to Thursday's practice council.", "DEADLINE", True),
    ("I've got a hard stop at four.", "DEADLINE", True),
    ("i'm at about sixty percent of quota with five weeks left in the quarter", "DEADLINE", True),
    ("She left on Friday for the conference.", "DEADLINE", False),
    # A month, a count of periods or 'to the…' in past narration is not a due date.
    ("We had three falls on this ward in January.", "DEADLINE", False),
    ("We'll run the falls audit on this ward in January.", "DEADLINE", True),
    ("we made the offer to the staff candidate on monday", "DEADLINE", False),
    ("we'll make the offer to the staff candidate on monday", "DEADLINE", True),
    ("We rewrote the roadmap in April.", "DEADLINE", False),
    ("He said it would be ready in two weeks.", "DEADLINE", True),
    ("You mentioned the 10K in October.", "DEADLINE", True),
    # How often in a period, and 'just over' (more than), are not time frames.
    ("We rewrote the roadmap three times in one quarter.", "DEADLINE", False),
    ("you're my fourth manager in three years", "DEADLINE", False),
    ("We'll rewrite the roadmap in one quarter.", "DEADLINE", True),
    ("Your turnaround averaged just over three days.", "DEADLINE", False),
    ("Can you turn it around over the next three days?", "DEADLINE", True),
    # Opening the meeting, or passing a timeline on, sets no due date.
    ("Before we start, can you see my screen?", "DEADLINE", False),
    ("I need the numbers before we start the migration.", "DEADLINE", True),
    ("Send me the revised timeline once you've talked to eng.", "DEADLINE", False),
    ("What's the timeline for the migration?", "DEADLINE", True),
    # Letting something happen is not a proposal.
    ("i kind of let reviews slide because of the deadline", "ACTION", False),
    ("let's let the reviews wait until Friday", "ACTION", True),
    # A false start is not a request: "could you could…".
    ("you could {disfmarker} you could override that default", "ACTION", False),
    ("could you override that default for me?", "ACTION", True),
    # What one has to do in a case or a relative clause is an explanation, not a task.
    ("So, in this case you have to make a different type,", "ACTION", False),
    ("I don't want a text file that you have to read in whole.", "ACTION", False),
    ("You have to send me the numbers by Friday.", "ACTION", True),
    # Taking a case in the discussion, or opening it, is not a task.
    ("Like, let 's just look at the case when this is the final action, right?", "ACTION", False),
    ("let's take an example", "ACTION", False),
    ("Let's look at the error logs together tomorrow.", "ACTION", True),
    ("OK, why don't we get started on that subject.", "ACTION", False),
    ("Why don't we get the vendor in next week?", "ACTION", True),
    # What nobody, or maybe somebody, will go ahead and do is neither a task nor a choice.
    ("Surely nobody 's gonna go ahead and implement it.", "ACTION", False),
    ("Surely nobody 's gonna go ahead and implement it.", "DECISION", False),
    ("maybe somebody will go ahead and implement it", "ACTION", False),
    ("Let's go ahead and implement it.", "ACTION", True),
    # Asking whether someone is going to do a task is a request.
    ("Are you gonna show us the little templates?", "ACTION", True),
    ("Are you going to be there?", "ACTION", False),
    # Handing over the turn is not a task; asking someone to start a piece of work is.
    # Asking how or what one could do is deliberation, not a task.
    ("how can we change the data to get more actions?", "ACTION", False),
    ("Can we change the data tomorrow?", "ACTION", True),
    ("Um do you wanna start Andrew?", "ACTION", False),
    ("do you want to go first?", "ACTION", False),
    ("do you want to start the migration next week?", "ACTION", True),
    ("do you want to go ahead and merge it", "ACTION", True),
    # "go check", "gonna have to", "hafta", "you guys will", ownership and "my suggestion is".
    ("I 'll go check, cause I completely agree.", "ACTION", True),
    ("I'll go first", "ACTION", False),
    ("I'm gonna have to check with legal", "ACTION", True),
    ("I'm gonna have lunch", "ACTION", False),
    ("so I 'm gonna hafta rerun the alignment", "ACTION", True),
    ("So you guys will send the rest of us a version of this.", "ACTION", True),
    ("And he 's gonna be responsible for the implementation of the planner.", "ACTION", True),
    ("my suggestion then is that you look into the ongoing discussion", "ACTION", True),
    # A hedge between the modal and the task: "we should maybe at least spend…".
    ("we should maybe at least spend a session on it", "ACTION", True),
    # The reason for a view, or a formula, is not why work matters.
    ("That's why I think of it that way.", "RELEVANCE", False),
    ("That's why we're redoing the portal.", "RELEVANCE", True),
    ("So we can let this be G of E-one comma E-two.", "RELEVANCE", False),
    ("We batch the jobs so we can compare runs.", "RELEVANCE", True),
    # Something to deal with later is not an obstacle now; calling a chore a pain is.
    ("At some point we 're going to have to worry about the language end.", "BLOCKER", False),
    ("I'm worried about the language end.", "BLOCKER", True),
    ("OK, so it 's just like a pain to have to send it.", "BLOCKER", True),
    # A choice not to do something, a day that does not suit, or what one cannot see on a
    # screen in the meeting is not an obstacle; time blocked out is not being blocked.
    ("Oh, OK, then we won't do it.", "BLOCKER", False),
    ("we won't make the deadline", "BLOCKER", True),
    ("OK, well don't make it a high priority", "BLOCKER", False),
    ("we're not going to make it into the release", "BLOCKER", True),
    ("What does not work for me is Thursday afternoon.", "BLOCKER", False),
    ("Thursday doesn't work for me", "BLOCKER", False),
    ("the new process doesn't work for me", "BLOCKER", True),
    ("Since you bring it up now, we will worry about it.", "BLOCKER", False),
    ("you can't see it on this resolution", "BLOCKER", False),
    ("I can't see how we ship this by Friday", "BLOCKER", True),
    ("I've blocked out Friday afternoon for it", "BLOCKER", False),
    ("I'm still blocked on the access request", "BLOCKER", True),
    # Laborious work, something needed that does not exist yet, no way to do it, a worry.
    ("it's gonna be very laborious to make these drawings", "BLOCKER", True),
    ("that's a functionality that doesn't exist yet", "BLOCKER", True),
    ("I don't see any way that file formats are gonna help us with that", "BLOCKER", True),
    ("I don't see why not", "BLOCKER", False),
    ("what would worry me is that we might miss a little detail", "BLOCKER", True),
    # A problem talked or thought about as a topic is not an obstacle; one with a complaint is.
    ("We talked about the problem of tech debt in general.", "BLOCKER", False),
    ("Robert has thought about this problem a lot", "BLOCKER", False),
    ("We need to talk about the problem with the build.", "BLOCKER", True),
    # Scoping a topic out or in by not worrying about it; reassurance is not.
    ("We won't worry about it.", "PRIORITY", True),
    ("let's not worry about the logo for now", "PRIORITY", True),
    ("don't worry about it, happens to everyone", "PRIORITY", False),
    # What one would have to do in a supposed case, or a decision still to make, is no task.
    ("So we 'd have to get rid of this and connect these things directly.", "ACTION", False),
    ("we have to make some decision about what to do", "ACTION", False),
    ("We have to get rid of this before the release.", "ACTION", True),
    # "no reason why" gives no reason; "before we get started" opens the meeting.
    ("there's no reason why we 're constrained to do that", "RELEVANCE", False),
    # Agreeing in a condition or a question is not a choice made.
    ("if you agree to participate you can ask for anything to be cut", "DECISION", False),
    ("we agree on Postgres then", "DECISION", True),
    ("So, before we get started with the technical part, I want to review.", "DEADLINE", False),
    # Why work matters: counting toward a review, a commitment made to a customer, the reasoning.
    ("That's the one that counts toward your mid-level review.", "RELEVANCE", True),
    ("They've committed the launch to their biggest account.", "RELEVANCE", True),
    ("Leadership's reasoning is that tooling keeps getting starved.", "RELEVANCE", True),
    # A wider lexicon of how obstacles are voiced, each beside a near miss.
    ("The point-of-sale terminals keep freezing during the lunch rush.", "BLOCKER", True),
    ("i get pinged every five minutes so i can never actually focus", "BLOCKER", True),
    ("I can never remember her name.", "BLOCKER", False),
    ("We lack anyone with design chops.", "BLOCKER", True),
    ("I haven't had any feedback in months.", "BLOCKER", True),
    ("The brief from marketing contradicts what sales told us.", "BLOCKER", True),
    ("The security team is backed up.", "BLOCKER", True),
    ("The whole thing hinges on infra giving us the cluster.", "BLOCKER", True),
    ("Finance froze discretionary spend.", "BLOCKER", True),
    ("Our marketing spend got slashed by forty percent.", "BLOCKER", True),
    ("There's no way we hit the March date at this rate.", "BLOCKER", True),
    ("we're cutting it really close on the demo", "BLOCKER", True),
    ("The clock's ticking and we still haven't even started the migration.", "BLOCKER", True),
    ("We just don't see eye to eye.", "BLOCKER", True),
    ("When I raised the staffing issue, it went nowhere.", "BLOCKER", True),
    ("I could really use more guidance.", "BLOCKER", True),
    ("My calendar is wall-to-wall meetings.", "BLOCKER", True),
    ("Adding anything new is painful.", "BLOCKER", True),
    ("The checkout page has been throwing errors since Friday.", "BLOCKER", True),
    ("Another batch got rejected by QC this morning.", "BLOCKER", True),
    ("Nobody wants to own the reorg, so the team's in limbo.", "BLOCKER", True),
    ("Our biggest account is threatening to walk.", "BLOCKER", True),
    ("I've got three angry customers in my inbox.", "BLOCKER", True),
    ("It takes three sign-offs just to order a monitor.", "BLOCKER", True),
    ("There's so much red tape around the data request.", "BLOCKER", True),
    ("My back's been acting up.", "BLOCKER", True),
    ("I'm out of my depth on the regulatory side.", "BLOCKER", True),
    ("i'm still pretty lost on how the claims system works", "BLOCKER", True),
    ("The role has been open for five months and still no good candidates.", "BLOCKER", True),
    ("Our best engineer just handed in her notice.", "BLOCKER", True),
    ("Their support isn't responding.", "BLOCKER", True),
    ("The small tweak turned into a full redesign.", "BLOCKER", True),
    ("My work just goes unnoticed.", "BLOCKER", True),
    ("The numbers don't add up.", "BLOCKER", True),
    ("The inventory figures are off by hundreds of units.", "BLOCKER", True),
    ("We're missing a whole month of sensor readings.", "BLOCKER", True),
    ("Nobody on the team really knows kubernetes.", "BLOCKER", True),
    ("Priya sent the numbers, so I'm not waiting on anyone anymore.", "BLOCKER", False),
    ("I'm not stressed at all about the launch.", "BLOCKER", False),
    ("If costs go over, we'd trim the pilot, but we're well within limits.", "BLOCKER", False),
    ("Last quarter's crunch is behind us.", "BLOCKER", False),
    ("The red is supposed to represent the brand.", "BLOCKER", False),
    ("They're hidden in the menu.", "BLOCKER", False),
    # A wider lexicon of how priorities are set, each beside a near miss.
    ("If I had to pick one thing, it's the Henderson account.", "PRIORITY", True),
    ("We've got one button for this thing.", "PRIORITY", False),
    ("Everything else is secondary.", "PRIORITY", True),
    ("job one right now is onboarding the two new nurses", "PRIORITY", True),
    ("The survey can sit at the bottom of the pile.", "PRIORITY", True),
    ("Customer tickets beat internal tooling every time.", "PRIORITY", True),
    ("This takes precedence over the offsite.", "PRIORITY", True),
    ("I need the transfer paperwork sorted, ahead of everything else.", "PRIORITY", True),
    ("I care way more about the hiring loop than the offsite.", "PRIORITY", True),
    ("The renewal has to land before we even think about expansion.", "PRIORITY", True),
    ("Before we start, can you see my screen?", "PRIORITY", False),
    ("Start with the overdue invoices.", "PRIORITY", True),
    ("just let the wiki stuff slide for a couple of weeks", "PRIORITY", True),
    ("When you're stretched thin, the weekly report is what I'd sacrifice.", "PRIORITY", True),
    ("You can skip straight to a channel with these buttons.", "PRIORITY", False),
    ("If you're drowning, drop the newsletter first.", "PRIORITY", True),
    ("Treat the appendix as optional.", "PRIORITY", True),
    ("The video walkthrough would be a nice extra.", "PRIORITY", True),
    ("I'd rather you nail the core flow than half-do everything.", "PRIORITY", True),
    ("This one can't wait.", "PRIORITY", True),
    ("This cannot wait.", "PRIORITY", True),
    ("If I can only get one done this week, which should it be?", "PRIORITY", True),
    ("The client put me on hold for forty minutes.", "PRIORITY", False),
    ("There was an urgent care centre near the hotel.", "PRIORITY", False),
    # A wider lexicon of why work matters, each beside a near miss.
    ("Taking the data course now sets you up for the analyst track.", "RELEVANCE", True),
    ("This is a good stretch if you want to move into management.", "RELEVANCE", True),
    ("If you lead the migration, that's gonna look really good in your review.", "RELEVANCE", True),
    ("Every demo you book moves the team closer to our pipeline goal.", "RELEVANCE", True),
    ("The platform strategy is why we're building the API.", "RELEVANCE", True),
    ("A lot of our users rely on screen readers.", "RELEVANCE", True),
    ("Fixing the waste on the line pays for itself in a quarter.", "RELEVANCE", True),
    ("Automating it saves us a contractor.", "RELEVANCE", True),
    ("That's a real bump in revenue next year.", "RELEVANCE", True),
    ("This came straight from the VP.", "RELEVANCE", True),
    ("If the access reviews slip, we're out of compliance.", "RELEVANCE", True),
    ("We do the forklift checks so nobody gets hurt.", "RELEVANCE", True),
    ("We're piloting it on one ward in order to find the problems early.", "RELEVANCE", True),
    ("I'm writing the runbook so that the night shift can handle it.", "RELEVANCE", True),
    ("Presenting would get your name in front of the whole org.", "RELEVANCE", True),
    ("The performance review tool changed its login page again.", "RELEVANCE", False),
    ("She's had a great career, she retired last spring.", "RELEVANCE", False),
    ("So we're not gonna have the screen anymore.", "RELEVANCE", False),
    # A wider lexicon of tasks, each beside a near miss.
    ("Get Leah to pick up the Morrison account.", "ACTION", True),
    ("Let Chen run the morning huddle this week.", "ACTION", True),
    ("Let it go, it's not worth it.", "ACTION", False),
    ("I'd like the finance team to rerun the forecast.", "ACTION", True),
    ("Tom in procurement should really get three quotes in.", "ACTION", True),
    ("i'd give the site photos job to kieran", "ACTION", True),
    ("I'd love your take on the new appraisal form.", "ACTION", True),
    ("We should probably go through the complaints together.", "ACTION", True),
    ("I'll just go over your head.", "ACTION", False),
    ("It was a formality for us to go through.", "ACTION", False),
    ("Drop me a line with your availability.", "ACTION", True),
    ("Do me a favour and save me a seat.", "ACTION", True),
    ("Let's both jot down the top three risks.", "ACTION", True),
    ("i always check in with new starters in their first week", "ACTION", False),
    ("We might have to push the upgrade, depending on how peak goes.", "ACTION", False),
    ("let me just pull up the dashboard real quick", "ACTION", False),
    # A wider lexicon of choices, each beside a near miss.
    ("Fine, let's make Jo the point person for the inspection.", "DECISION", True),
    ("Decision's made, the Glasgow team owns returns.", "DECISION", True),
    ("Okay, the rebrand's off the table for now.", "DECISION", True),
    ("I'm pulling the plug on the second warehouse project.", "DECISION", True),
    ("We're done with the weekly report.", "DECISION", True),
    ("I'm not doing any of them well.", "DECISION", False),
    ("Okay, let's park the pay review until the budget's confirmed.", "PRIORITY", True),
    ("The remote working policy stays as it is until the autumn.", "DECISION", True),
    ("HR confirmed the decision yesterday.", "DECISION", True),
    ("So go-live is the third of June, locked in.", "DECISION", True),
    ("We'll price it at forty nine ninety nine then.", "DECISION", True),
    ("ok so we're doing the phased approach then", "DECISION", True),
    ("The fifteen percent discount is fine, I'm signing off on that.", "DECISION", True),
    ("Should we delay the launch or just go for it?", "DECISION", False),
    # Obstacles as design and research meetings voice them, each beside a near miss.
    ("The kinetic charger pushes us about two Euro over the limit.", "BLOCKER", True),
    ("The solar panel is well beyond what we can spend.", "BLOCKER", True),
    ("The battery won't last more than a week with the screen on.", "BLOCKER", True),
    ("I won't forget the slides.", "BLOCKER", False),
    ("The experiments won't be done in time for the camera-ready version.", "BLOCKER", True),
    ("Speaker segmentation falls apart as soon as two people talk at once.", "BLOCKER", True),
    ("The clustering blows up with more than a thousand speakers.", "BLOCKER", True),
    ("The NPS went up by twelve points.", "BLOCKER", False),
    ("The decoder segfaults on anything longer than ten minutes.", "BLOCKER", True),
    ("The light on the prototype doesn't come on.", "BLOCKER", True),
    ("The training just doesn't converge past a few hundred units.", "BLOCKER", True),
    ("There's something wrong with the wiring.", "BLOCKER", True),
    ("The channels are out of sync.", "BLOCKER", True),
    ("The disk is full again.", "BLOCKER", True),
    ("The new features are doing worse than the baseline.", "BLOCKER", True),
    ("The tandem system is really bad on the noisy condition.", "BLOCKER", True),
    ("The detector misses most of the short back-channels.", "BLOCKER", True),
    ("There's hardly any labelled material for Spanish.", "BLOCKER", True),
    ("We lost our only transcriber last month.", "BLOCKER", True),
    ("So we're losing the backlight.", "BLOCKER", True),
    ("Trendy and cheap don't really go together.", "BLOCKER", True),
    ("The new requirement throws out everything we'd planned.", "BLOCKER", True),
    ("I never got the email, so I'm working blind.", "BLOCKER", True),
    ("Our partner changed the format without telling us.", "BLOCKER", True),
    ("They haven't delivered the lexicon.", "BLOCKER", True),
    ("We're sort of held up by the group in Sheffield.", "BLOCKER", True),
    ("How are you holding up on sleep?", "BLOCKER", False),
    ("The clock's against us.", "BLOCKER", True),
    ("We're behind, the design should have been done by now.", "BLOCKER", True),
    ("The buttons are too small to press.", "BLOCKER", True),
    ("The prototype held up well in testing, nothing broke.", "BLOCKER", False),
    ("Turn on branch protection so nobody can push without a review.", "BLOCKER", False),
    ("We'll do that once the release is out.", "BLOCKER", False),
    ("Slogans are usually quite small.", "BLOCKER", False),
]


@pytest.mark.parametrize(
    ("text", "label", "expected"), CASES, ids=[f"{c[1]}-{c[2]}-{c[0]}" for c in CASES]
)
def test_rule_class(tagger: Tagger, text: str, label: str, expected: bool) -> None:
    assert (label in labels_of(tagger, text)) is expected


# The "last_word" token extension: a pattern can ask for the last word of a statement.


def rule(rule_id: str, pattern: list[dict[str, object]]) -> Rule:
    return Rule(rule_id, "DECISION", pattern, rule_id, (), "test.jsonl", 1)


END_RULES = [
    rule("x.do-that-end", [{"LOWER": "do"}, {"LOWER": "that", "_": {"last_word": True}}]),
    rule("x.do-that-more", [{"LOWER": "do"}, {"LOWER": "that", "_": {"last_word": False}}]),
    rule("x.that-end", [{"LOWER": "that", "_": {"last_word": True}}]),
    rule("x.inside", [{"LOWER": "do", "_": {"last_word": False}}, {"LOWER": "that"}]),
]
END_TEXTS = [
    "We'll do that.",
    "we'll do that",
    "We'll do that by Friday.",
    "We'll do that, then. And do that later!",
    "do that ... ?",
]


def span_ruler_nlp(rules: list[Rule]) -> Language:
    register_token_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp.initialize()
        ruler.add_patterns([{"label": r.label, "pattern": r.pattern, "id": r.id} for r in rules])
    return nlp


def spans(nlp: Language, text: str) -> set[tuple[str, int, int]]:
    doc = nlp(text)
    return {(s.id_, s.start, s.end) for s in doc.spans[SPANS_KEY]}


@pytest.fixture(scope="module")
def end_pipelines() -> tuple[Language, Language]:
    return build_nlp(END_RULES), span_ruler_nlp(END_RULES)


@pytest.mark.parametrize("text", END_TEXTS)
def test_last_word_matches_like_span_ruler(
    end_pipelines: tuple[Language, Language], text: str
) -> None:
    ours, reference = end_pipelines
    assert spans(ours, text) == spans(reference, text)
    assert spans(ours, text)


def test_last_word_is_the_end_of_the_statement() -> None:
    ours = build_nlp(END_RULES[:2])
    assert spans(ours, "We'll do that.") == {("x.do-that-end", 2, 4)}
    assert spans(ours, "we'll do that") == {("x.do-that-end", 2, 4)}
    assert spans(ours, "We'll do that by Friday.") == {("x.do-that-more", 2, 4)}
    # the end of the first of two sentences counts
    assert ("x.do-that-end", 2, 4) in spans(ours, "We'll do that. Then lunch.")


def test_unknown_token_extension_is_a_pattern_problem() -> None:
    problem = pattern_problem([{"LOWER": "that", "_": {"last_wrd": True}}])
    assert problem is not None and "last_wrd" in problem and "last_word" in problem
    assert pattern_problem([{"LOWER": "that", "_": {"last_word": True}}]) is None
