// MathJax 3 configuration, read when mathjax/tex-mml-chtml.js loads (it is
// listed after this file in mkdocs.yml).
//
// Only three kinds of element hold math, and MathJax typesets only those:
// - Markdown pages: pymdownx.arithmatex (generic: true) wraps each formula in
//   an element of class "arithmatex", as \( \) or \[ \].
// - Notebook pages: mkdocs-jupyter leaves the $ and $$ of markdown cells as
//   they are, inside elements of class "jp-RenderedMarkdown".
// - The table of contents: a heading's formula comes as plain \( \) text
//   in its entry (class "md-ellipsis" in the secondary navigation).
// A "$" anywhere else (prose, code, navigation) is left alone.
//
// MathJax's usual way to restrict itself, ignoreHtmlClass ".*|" with
// processHtmlClass, only reaches text directly inside the processed element:
// the <p> and <li> of a notebook cell would be ignored again. Hence the list
// of elements to typeset.
const MATH_ELEMENTS = ".arithmatex, .jp-RenderedMarkdown, .md-nav--secondary .md-ellipsis";

window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  startup: {
    elements: [MATH_ELEMENTS],
  },
};

// Every page is a full load (the language switch needs it: no instant
// navigation in mkdocs.yml), so MathJax typesets each page once, at startup.
