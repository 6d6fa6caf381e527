// Fills the THỐNG KÊ TRUY CẬP block, "Lượt xem" and "Tin đọc nhiều" from
// /api/v1/stats/block. The page itself may come from the page cache; these figures never do,
// so they are fresh to within a flush (a few seconds). Without this script the block keeps
// its labels and dashes, and the other two stay hidden: no invented numbers.
(function () {
  "use strict";
  var block = document.querySelector("[data-stats-block]");
  var views = document.querySelector("[data-stats-views]");
  var most = document.querySelector("[data-stats-most-read]");
  if ((!block && !views && !most) || !window.fetch) return;
  var url = "/api/v1/stats/block?path=" + encodeURIComponent(location.pathname);

  function number(n) {
    return typeof n === "number" ? n.toLocaleString("vi-VN") : "—";
  }

  function fill(data) {
    if (block && data.summary) {
      var cells = block.querySelectorAll("[data-stat]");
      for (var i = 0; i < cells.length; i++) {
        cells[i].textContent = number(data.summary[cells[i].getAttribute("data-stat")]);
      }
    }
    if (views && typeof data.views === "number") {
      views.querySelector("[data-stat=views]").textContent = number(data.views);
      views.hidden = false;
    }
    if (most && data.most_read && data.most_read.length) {
      var list = most.querySelector("ol");
      list.textContent = "";
      data.most_read.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.url;  // a path on this site, from our own API
        a.textContent = item.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      most.hidden = false;
    }
  }

  function load() {
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) fill(data); })
      .catch(function () { /* the labels stay; nothing to tell the reader */ });
  }

  load();
  // "Đang truy cập" moves; refresh while the page is being looked at.
  setInterval(function () {
    if (!document.hidden) load();
  }, 60000);
})();
