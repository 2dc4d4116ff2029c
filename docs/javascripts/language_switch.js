// The language switch keeps the section the reader is at: a twin page has the
// same heading ids (tests/site/test_twins.py), so the switch's links to the
// twins (hooks/language_switch.py) carry the address's #section along.

(function () {
  "use strict";

  function follow() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
      const url = new URL(link.href, location.href);
      url.hash = location.hash;
      link.href = url.href;
    });
  }

  addEventListener("hashchange", follow);
  if (window.document$) {
    window.document$.subscribe(follow);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
