"""Keep Material's language switch on the page the reader is on.

mkdocs-static-i18n points each entry of the switch at the same page in the
other language, and Material repeats the entries in the page's head as
``<link rel="alternate" hreflang="...">``. Material's script reads those head
links as the roots of the other languages: it fetches ``sitemap.xml`` below
each (``zh/lesson4/idea/sitemap.xml``, which does not exist, a 404 in the
console of every page) to redirect the switch itself. Without the head links
the switch is a plain link to the twin page, with or without JavaScript; the
sitemap still pairs every page with its twin (hreflang) for search engines.
"""

import re

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output, page, config):
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body
