/* highlights digest: tag and speaker filters, and "open in recording" links that seek the
   page's full-recording player. The page is complete without this file: the filters stay
   hidden, and the links open the recording at the highlight (a #t= media fragment). */
(function () {
  "use strict";

  function words(el, name) {
    var value = el.getAttribute(name) || "";
    return value ? value.split(" ") : [];
  }

  function setUpFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    var tag = document.getElementById("filter-tag");
    var speaker = document.getElementById("filter-speaker");
    var reset = document.getElementById("filter-reset");
    var status = document.getElementById("filter-status");
    var cards = Array.prototype.slice.call(document.querySelectorAll("article.highlight"));

    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var visible =
          (!tag.value || words(card, "data-labels").indexOf(tag.value) >= 0) &&
          (!speaker.value || words(card, "data-speakers").indexOf(speaker.value) >= 0);
        card.hidden = !visible;
        if (visible) shown += 1;
      });
      reset.disabled = !tag.value && !speaker.value;
      status.textContent =
        shown === cards.length
          ? "Showing all " + cards.length + " highlights"
          : "Showing " + shown + " of " + cards.length + " highlights";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    reset.addEventListener("click", function () {
      tag.value = "";
      speaker.value = "";
      apply();
      tag.focus();
    });
    form.hidden = false;
    apply();
  }

  function setUpRecording() {
    var player = document.getElementById("recording");
    if (!player) return;
    var status = document.getElementById("recording-status");

    function seek(seconds, clock) {
      function go() {
        player.currentTime = seconds;
        var playing = player.play();
        if (playing && playing.catch) playing.catch(function () {});
        if (status) status.textContent = "Playing the recording from " + clock;
      }
      if (player.readyState >= 1) {
        go();
      } else {
        player.addEventListener("loadedmetadata", go, { once: true });
        if (player.networkState === 0 || player.networkState === 3) player.load();
      }
    }

    document.addEventListener("click", function (event) {
      var target = event.target;
      var link = target && target.closest ? target.closest("a.open[data-start]") : null;
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (player.error) return;
      var seconds = Number(link.getAttribute("data-start"));
      if (!isFinite(seconds) || seconds < 0) return;
      event.preventDefault();
      seek(seconds, link.getAttribute("data-clock") || "");
    });
  }

  function setUpPrint() {
    var reopen = [];
    window.addEventListener("beforeprint", function () {
      reopen = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
        return !d.open;
      });
      reopen.forEach(function (d) {
        d.open = true;
      });
    });
    window.addEventListener("afterprint", function () {
      reopen.forEach(function (d) {
        d.open = false;
      });
      reopen = [];
    });
  }

  setUpFilters();
  setUpRecording();
  setUpPrint();
})();
