// Menu toggle for narrow screens. Without this script the menu is simply shown expanded.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu-chinh");
  if (!button || !menu) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    menu.classList.toggle("open", !open);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menu.classList.contains("open")) {
      button.setAttribute("aria-expanded", "false");
      menu.classList.remove("open");
      button.focus();
    }
  });
})();

// Text size "A- A A+": steps of the root font size, remembered in localStorage. The buttons
// stay hidden without this script (the browser's own zoom still works).
(function () {
  "use strict";
  var group = document.querySelector(".text-size");
  if (!group) return;
  var steps = [87.5, 100, 112.5, 125, 150, 175];
  var key = "congtin.textSize";
  var root = document.documentElement;
  function read() {
    try { return parseInt(localStorage.getItem(key), 10) || 0; } catch (e) { return 0; }
  }
  function apply(level) {
    level = Math.max(-1, Math.min(steps.length - 2, level));
    root.style.fontSize = level ? steps[level + 1] + "%" : "";
    try {
      if (level) localStorage.setItem(key, String(level)); else localStorage.removeItem(key);
    } catch (e) { /* storage off: the size still applies to this page */ }
    return level;
  }
  var level = apply(read());
  group.hidden = false;
  group.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-text-size]");
    if (!b) return;
    var d = parseInt(b.getAttribute("data-text-size"), 10);
    level = apply(d === 0 ? 0 : level + d);
  });
})();

// Article tools: "In bài" prints (print styles in site.css); the printed and e-mailed
// address is the one in the address bar when the server knew only a relative one.
(function () {
  "use strict";
  var tool = document.querySelector(".print-tool");
  if (tool) {
    tool.hidden = false;
    tool.querySelector("button").addEventListener("click", function () { window.print(); });
  }
  var here = location.origin + location.pathname;
  var span = document.querySelector("[data-page-url]");
  if (span && span.textContent.charAt(0) === "/") span.textContent = here;
  var mail = document.querySelector('a[href^="mailto:?subject="]');
  if (mail && mail.href.indexOf("%0A%2F") !== -1) {
    mail.href = mail.href.replace(/%0A%2F[^&]*$/, "%0A" + encodeURIComponent(here));
  }
})();
