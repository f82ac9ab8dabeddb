// storydiff report. Citation chips are ordinary #links, so the page works without this
// script; with it, every piece of the cited span is highlighted (a span can be split
// where it crosses another), the old highlight is cleared, and focus moves to the text.
(function () {
  "use strict";
  var parts = {};
  document.querySelectorAll("[data-ref]").forEach(function (el) {
    var ref = el.getAttribute("data-ref");
    (parts[ref] = parts[ref] || []).push(el);
  });
  var lit = [];

  function refOf(hash) {
    try { return decodeURIComponent(hash.replace(/^#/, "")); } catch (e) { return ""; }
  }

  function show(ref) {
    var found = parts[ref];
    if (!found) return;
    lit.forEach(function (el) { el.classList.remove("hl"); });
    found.forEach(function (el) { el.classList.add("hl"); });
    lit = found;
    found[0].scrollIntoView({ block: "center" });  // a jump, not a slow scroll: the highlight shows where
    found[0].focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    var ref = link ? refOf(link.getAttribute("href")) : "";
    if (!parts[ref]) return;
    event.preventDefault();
    try { history.pushState(null, "", "#" + ref); } catch (e) { /* some browsers refuse on file:// */ }
    show(ref);
  });
  window.addEventListener("popstate", function () { show(refOf(location.hash)); });
  if (location.hash) show(refOf(location.hash));

  // Print everything: folded explanations open, every timeline entry shown.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();

// Timeline: show one speaker's statements at a time.
(function () {
  "use strict";
  var select = document.getElementById("speaker");
  if (!select) return;
  select.closest(".speaker-filter").hidden = false;
  select.addEventListener("change", function () {
    document.querySelectorAll(".timeline > li").forEach(function (li) {
      li.hidden = select.value !== "" && li.getAttribute("data-speaker") !== select.value;
    });
  });
})();
