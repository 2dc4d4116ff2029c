"""Build, serve and open the course site: shared by tests/site and screenshot.py.

Nothing here is a test. Debian's Chromium is driven through Playwright's
``executable_path`` because Playwright cannot download its own browser here.
"""

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# axe-core, the accessibility checker, from npm (package.json; `npm ci`).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags for headless Chromium run as root on these machines (Playwright adds
# --headless and --no-sandbox itself, and a fresh profile directory).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No name but the local server's resolves: a request to any other host
    # fails in the browser (the tests record it), and nothing leaves this
    # machine. Blocking by name, rather than by a Playwright route, keeps the
    # browser's cache on (a route turns it off).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def mkdocs_build(site_dir, config_file=MKDOCS_YML, site_url=None, fence_log=None):
    """Run ``mkdocs build --strict`` from the repository root; return the process.

    The language switch links pages below the site_url's path, so a site
    served locally is built for the address it is served at. With fence_log,
    the build writes there what each exec fence gave (hooks/exec_sessions.py).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("FCLESSON_SITE_CACHE", None)  # a build never uses the page cache
    env.pop("FCLESSON_FENCE_LOG", None)
    if site_url:
        env["SITE_URL"] = site_url
    if fence_log:
        env["FCLESSON_FENCE_LOG"] = str(fence_log)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def site_hooks():
    """The hooks mkdocs.yml lists, in its order (paths relative to the repository)."""
    lines = MKDOCS_YML.read_text(encoding="utf-8").split("hooks:\n", 1)[1].splitlines()
    hooks = []
    for line in lines:
        if not line.startswith("  - "):
            break
        hooks.append(line[4:].split("#", 1)[0].strip())
    return hooks


def fixture_config(case, tmp_path):
    """Copy fixtures/<case> into tmp_path and write a config for it.

    The config inherits the real mkdocs.yml, so the fixture is built with the
    site's own plugins, extensions and validation; only the paths change.
    Returns the config file.
    """
    work = tmp_path / case
    shutil.copytree(FIXTURES / case, work)
    config = work / "mkdocs.yml"
    hooks = "\n".join(f"  - {ROOT / p}" for p in site_hooks())
    config.write_text(
        f"INHERIT: {MKDOCS_YML}\n"
        f"docs_dir: {work / 'docs'}\n"
        "nav: null\n"
        "watch: []\n"
        f"hooks:\n{hooks}\n",
        encoding="utf-8",
    )
    return config


LANGUAGES = {"": "en", "zh/": "zh", "zh-Hant/": "zh-Hant"}  # URL prefix: the pages' language
# The Traditional edition is generated from the Simplified pages (hooks/traditional.py).
GENERATED = {"zh-Hant/": "zh/"}


def language_of(url):
    """The language of the page at a URL path below the site root."""
    return LANGUAGES[next((p for p in LANGUAGES if p and url.startswith(p)), "")]


def page_url(source):
    """URL path (below the site root) of the page built from a file of docs/.

    A Chinese twin (PAGE.zh.md) is built below zh/.
    """
    rel = Path(source).relative_to(DOCS)
    prefix = ""
    if rel.suffixes[-2:-1] == [".zh"]:
        rel, prefix = rel.with_name(rel.name.replace(".zh.", ".", 1)), "zh/"
    stem = rel.with_suffix("")
    url = stem.parent.as_posix() if stem.name in ("index", "README") else stem.as_posix()
    return prefix + ("" if url == "." else url + "/")


def page_urls(generated=True):
    """URL path (below the site root) of every page built from docs/, in every
    language; with ``generated``, the Traditional pages too."""
    urls = [
        page_url(source)
        for source in sorted(DOCS.rglob("*"))
        if source.suffix == ".md" or (
            source.suffix in (".py", ".ipynb")
            and source.relative_to(DOCS).parts[0] == "notebooks"
        )
    ]
    if generated:
        for prefix, source in GENERATED.items():
            urls += [prefix + url[len(source):] for url in urls if url.startswith(source)]
    return urls


def html_pages(site_dir):
    """Every HTML page of a built site, without the copied MathJax."""
    site_dir = Path(site_dir)
    return sorted(
        p for p in site_dir.rglob("*.html")
        if p.relative_to(site_dir).parts[0] != "mathjax"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(site_dir):
    """Serve site_dir on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def find_chromium():
    """Path of a Chromium executable, or None.

    $CHROMIUM, when set, is the only candidate (set it to a missing path to
    see the browser tests skip, or fail with CI=true).
    """
    if "CHROMIUM" in os.environ:
        candidates = [os.environ["CHROMIUM"]]
    else:
        candidates = [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def launch(playwright, executable):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


# Runs in the page once MathJax has finished. Reports every formula that was
# not typeset: pymdownx.arithmatex spans/divs (\( \) and \[ \]) without an
# mjx-container, and TeX delimiters left in the text of arithmatex elements or
# of notebook markdown cells.
MATH_REPORT_JS = r"""
() => {
  const rawText = (root, pattern) => {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement.closest("mjx-container, code, pre, script, style")
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    while (walker.nextNode()) {
      if (pattern.test(walker.currentNode.data)) {
        found.push(walker.currentNode.data.trim().slice(0, 120));
      }
    }
    return found;
  };
  const arithmatex = [...document.querySelectorAll(".arithmatex")];
  const notebook = [...document.querySelectorAll(".jp-RenderedMarkdown")];
  // the table of contents repeats each heading, formulas included
  const toc = [...document.querySelectorAll(".md-nav--secondary .md-ellipsis")];
  return {
    arithmatex: arithmatex.length,
    notebookMath: notebook.reduce(
      (n, el) => n + el.querySelectorAll("mjx-container").length, 0),
    containers: document.querySelectorAll("mjx-container").length,
    untypeset: arithmatex
      .filter((el) => !el.querySelector("mjx-container"))
      .map((el) => el.textContent.trim().slice(0, 120)),
    raw: [
      ...arithmatex.flatMap((el) => rawText(el, /\\\(|\\\)|\\\[|\\\]|\$\$/)),
      ...notebook.flatMap((el) => rawText(el, /\$|\\\(|\\\[/)),
      ...toc.flatMap((el) => rawText(el, /\$|\\\(|\\\[/)),
    ],
    errors: [...document.querySelectorAll("mjx-merror")].map(
      (el) => el.getAttribute("data-mjx-error") || el.textContent),
    // A formula typeset twice: a second pass finds the MathML that the first
    // hid for screen readers and draws it again inside the hidden copy, an
    // invisible second tab stop that also widens the page.
    doubled: document.querySelectorAll("mjx-assistive-mml mjx-container").length,
  };
}
"""

# Resolves once MathJax has loaded and finished every typesetting queued so far
# (see docs/javascripts/mathjax.js).
MATHJAX_DONE_JS = """
async () => {
  const started = Date.now();
  while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
    if (Date.now() - started > 15000) throw new Error("MathJax did not load");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await MathJax.startup.promise;
  return MathJax.version;
}
"""


# Runs axe-core (injected into the page first) with the WCAG 2.0 and 2.1
# level A and AA rules, or only the rules named. Returns one entry per element
# that breaks a rule.
AXE_RUN_JS = """
async (rules) => {
  const result = await axe.run(document, {
    runOnly: rules ? { type: "rule", values: rules }
                   : { type: "tag", values: ["wcag2a", "wcag2aa"] },
    resultTypes: ["violations"],
  });
  return result.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id,
    target: node.target.join(" "),
    html: node.html.slice(0, 120),
    why: (node.failureSummary || "").split("\\n").slice(1).join(" ").trim().slice(0, 240),
  })));
}
"""

# For a narrow window: whether the page itself scrolls sideways (something
# runs off the screen), and every box inside it that scrolls sideways but shows
# no cue that it does: no shadow on it (a background image, from
# docs/stylesheets/course.css), nor Material's arrows of content tabs.
OVERFLOW_JS = r"""
() => {
  const root = document.scrollingElement;
  const offscreen = root.scrollWidth > root.clientWidth + 1;
  const scrollsSideways = (el) => {
    const style = getComputedStyle(el);
    return (style.overflowX === "auto" || style.overflowX === "scroll")
      && el.scrollWidth > el.clientWidth + 1;
  };
  const hasCue = (el) => getComputedStyle(el).backgroundImage.includes("gradient")
    // Material's content tabs show arrow buttons over a fade
    || (el.matches(".tabbed-labels")
        && el.parentElement.querySelector(".tabbed-control:not([hidden])") !== null);
  const article = document.querySelector("article") || document.body;
  const silent = [...article.querySelectorAll("*")]
    .filter((el) => el.getClientRects().length && scrollsSideways(el) && !hasCue(el))
    .map((el) => {
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
        ? "." + el.className.trim().split(/\s+/).join(".") : "");
      return `${name}: ${(el.textContent || "").trim().slice(0, 60)}`;
    });
  return { pageWidth: root.scrollWidth, screenWidth: root.clientWidth, offscreen, silent };
}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    """The text of a page, or None when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class MakeServe:
    """``make serve`` in a folder of the course, on a free port, in its own
    process group (tests/site/test_serve.py, benchmarks/bench_serve.py)."""

    def __init__(self, root, log):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = Path(log)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("FCLESSON_FENCE_LOG", None)
        with open(self.log, "a", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                ["make", "serve", f"SERVE_ADDR=127.0.0.1:{self.port}"], cwd=root, env=env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_for(self, path, pattern=None, started=None, timeout=900):
        """Seconds from ``started`` until the page at path answers and its text
        matches the regular expression ``pattern``; then the match, if any."""
        started = time.perf_counter() if started is None else started
        body = None
        while time.perf_counter() - started < timeout and self.process.poll() is None:
            body = fetch(self.base + path)
            if body is not None and pattern is None:
                return time.perf_counter() - started, None
            if body is not None and (match := re.search(pattern, body)):
                return time.perf_counter() - started, match[0]
            time.sleep(0.05)
        raise AssertionError(
            f"{self.base + path} did not show {pattern!r} (make serve's exit status: "
            f"{self.process.poll()}) within {timeout} s; its log ends:\n"
            + self.log.read_text(encoding="utf-8")[-3000:])

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# For a narrow window: every line of a printed result (markdown-exec's
# div.result) that holds a verdict, pass or FAIL, must show the line's first
# word (a report row's weight name) and the verdict without scrolling
# sideways. Returns the lines that do not, with what is off the screen.
REPORT_ROWS_JS = r"""
() => {
  // a row's result, in English, Simplified or Traditional Chinese (fclesson.report_text),
  // followed by the row's numbers (not a word of a note under the table)
  const verdict = /(?<=^|\s)(pass|FAIL|kink|moves|unclear|通过|失败|折点|随步长变|无法判断|通過|失敗|折點|隨步長變|無法判斷)(?=\s+[-+\d.]|$)/;
  const offscreen = [];
  for (const pre of document.querySelectorAll("article .result pre")) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const pieces = [];
    let text = "";
    while (walker.nextNode()) {
      pieces.push([walker.currentNode, text.length]);
      text += walker.currentNode.data;
    }
    const rangeOf = (start, end) => {  // a Range over text[start:end] (in one node)
      for (let k = pieces.length - 1; k >= 0; k--) {
        const [node, offset] = pieces[k];
        if (offset <= start) {
          const range = document.createRange();
          range.setStart(node, start - offset);
          range.setEnd(node, Math.min(end - offset, node.data.length));
          return range;
        }
      }
      return null;
    };
    const visibleRight = (node) => {  // the right edge of what shows, scrolled or not
      let right = window.innerWidth;
      for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== "visible") {
          const box = el.getBoundingClientRect();
          right = Math.min(right, box.left + el.clientWidth);
        }
      }
      return right;
    };
    let start = 0;
    for (const line of text.split("\n")) {
      const match = verdict.exec(line);
      if (match) {
        const first = /\S+/.exec(line);
        for (const [from, to, what] of [
          [first.index, first.index + first[0].length, "name"],
          [match.index, match.index + match[0].length, "verdict"]]) {
          const range = rangeOf(start + from, start + to);
          if (range && range.getBoundingClientRect().right > visibleRight(range.startContainer) + 1) {
            offscreen.push(`${what} off the screen: ${line.trim().slice(0, 80)}`);
          }
        }
      }
      start += line.length + 1;
    }
  }
  return offscreen;
}
"""


# The text of every figure drawn as SVG (the pages' figures, the notebook's),
# in CSS pixels as the screen shows it: at least FIGURE_TEXT_PX on a phone.
FIGURE_TEXT_PX = 9
FIGURE_TEXT_JS = r"""
(least) => {
  const small = [];
  for (const svg of document.querySelectorAll("article svg")) {
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox && svg.viewBox.baseVal;
    if (box.width === 0 || !view || !view.width) continue;  // hidden, or an icon
    const scale = box.width / view.width;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (text.textContent.trim() && size < least - 0.05) {
        small.push(`${text.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
      }
    }
  }
  return small;
}
"""
