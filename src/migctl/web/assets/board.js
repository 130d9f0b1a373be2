// The board refreshes itself by polling: every 30 s it fetches the sections as HTML and swaps
// only those that changed, so the page never reloads or flickers. No external resources.
(function () {
  "use strict";
  var INTERVAL_MS = 30000;
  var params = new URLSearchParams(window.location.search);
  var token = params.get("token");
  var stamp = document.getElementById("board-updated");
  var refreshed = 0;

  function url(path) {
    return token ? path + "?token=" + encodeURIComponent(token) : path;
  }

  function swap(fresh) {
    var incoming = fresh.querySelectorAll("[data-section]");
    for (var i = 0; i < incoming.length; i++) {
      var key = incoming[i].getAttribute("data-section");
      var current = document.querySelector('[data-section="' + key + '"]');
      if (current && current.innerHTML !== incoming[i].innerHTML) {
        current.innerHTML = incoming[i].innerHTML;
      }
    }
  }

  function refresh() {
    fetch(url("/board/sections"), { headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (text) {
        var holder = document.createElement("div");
        holder.innerHTML = text;
        swap(holder);
        document.body.removeAttribute("data-stale");
        refreshed += 1;
        document.body.setAttribute("data-refreshed", String(refreshed));
        if (stamp) { stamp.textContent = stamp.textContent.replace(/\d\d:\d\d( \(|$)/, new Date().toTimeString().slice(0, 5) + "$1"); }
      })
      .catch(function () { document.body.setAttribute("data-stale", "true"); });
  }

  window.setInterval(refresh, INTERVAL_MS);
  document.body.setAttribute("data-board-ready", "true");
})();
