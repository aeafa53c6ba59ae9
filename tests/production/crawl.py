"""A crawler for the production smoke: every public page, every sub-resource.

It starts from the home page, the sitemap, robots.txt and the partner API, and
follows what a visitor's browser, a search engine, a feed reader or a partner
would: links and canonical addresses to pages; stylesheets, scripts, icons,
images and their srcsets, Open Graph images, feeds and documents; url()s and
@imports inside CSS; ES module imports and source-map comments in scripts; every
<loc> of the sitemap, every link of a feed, every URL in API responses.

What it records for the tests to judge:
- every response (status, headers, body) by path;
- `problems`: each reference to the site under an address other than
  SITE_BASE_URL (the request's host, localhost, the wrong scheme), and each
  sub-resource from a host the Content-Security-Policy does not declare.

The server is reached at `server_url` (loopback); pages refer to the site by its
public address `site_base_url`, and such URLs are fetched from the server.
"""

from __future__ import annotations

import http.client
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

# Link relations whose target the browser loads by itself (sub-resources).
RESOURCE_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "alternate",  # feeds: readers fetch them from the page's <head>
}
# (tag, attribute) pairs that load a sub-resource; srcset attributes list several.
RESOURCE_ATTRIBUTES = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
]
# Open Graph / Twitter images are fetched by every service a page is shared on.
META_IMAGES = {"og:image", "og:image:url", "og:image:secure_url", "twitter:image"}

ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>()\\]+""")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")
SOURCE_MAP = re.compile(r"""[#@]\s*sourceMappingURL=([^\s*]+)""")
JS_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(['"])((?:\.{1,2}/|/)[^'"]+)\1"""
)
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}  # noqa: S104


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    referrer: str

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Crawl:
    server_url: str
    site_base_url: str
    max_requests: int = 3000
    # False: fetch what pages load, but do not visit the pages they link to.
    follow_links: bool = True
    responses: dict[str, Response] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    declared_hosts: set[str] = field(default_factory=set)
    external_resources: dict[str, set[str]] = field(default_factory=dict)
    external_links: set[str] = field(default_factory=set)

    def __post_init__(self):
        server = urlsplit(self.server_url)
        self._server_netloc = server.netloc
        self._site = urlsplit(self.site_base_url)
        self._connection = None
        self._queue: list[tuple[str, str]] = []
        self._seen: set[str] = set()

    # -- what the tests read ------------------------------------------------------

    @property
    def pages(self) -> dict[str, Response]:
        return {p: r for p, r in self.responses.items() if r.content_type == "text/html"}

    @property
    def subresources(self) -> dict[str, Response]:
        return {p: r for p, r in self.responses.items() if r.content_type != "text/html"}

    def not_ok(self) -> list[str]:
        return [
            f"{path} answered {response.status} (referred to by {response.referrer})"
            for path, response in self.responses.items()
            if response.status != 200
        ]

    # -- crawling -----------------------------------------------------------------

    def run(self, *start_paths: str) -> Crawl:
        for path in start_paths:
            self._enqueue(path, "start")
        while self._queue:
            if len(self.responses) >= self.max_requests:
                self.problems.append(
                    f"the crawl stopped after {self.max_requests} requests "
                    "(an endless set of links?)"
                )
                break
            path, referrer = self._queue.pop(0)
            response = self._get(path, referrer)
            self.responses[path] = response
            if response.status == 200:
                self._read(path, response)
        if self._connection is not None:
            self._connection.close()
        return self

    def _enqueue(self, path: str, referrer: str):
        if path not in self._seen:
            self._seen.add(path)
            self._queue.append((path, referrer))

    def _get(self, path: str, referrer: str) -> Response:
        headers = {"Accept-Encoding": "identity", "User-Agent": "production-smoke"}
        for attempt in range(2):
            if self._connection is None:
                server = urlsplit(self.server_url)
                self._connection = http.client.HTTPConnection(
                    server.hostname, server.port, timeout=60
                )
            try:
                self._connection.request("GET", path, headers=headers)
                raw = self._connection.getresponse()
                body = raw.read()
                result = Response(
                    raw.status, {k.lower(): v for k, v in raw.getheaders()}, body, referrer
                )
                if raw.getheader("connection", "").lower() == "close":
                    self._connection.close()
                    self._connection = None
                return result
            except (http.client.HTTPException, OSError):
                self._connection.close()
                self._connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    # -- reading responses ----------------------------------------------------------

    def _read(self, path: str, response: Response):
        kind = response.content_type
        text = response.text() if kind.startswith(("text/", "application/")) else ""
        if kind == "text/html":
            if not self.declared_hosts:
                self._read_csp(response)
            self._scan_absolute_urls(path, text)
            self._read_html(path, text)
        elif kind == "text/css":
            self._read_css(path, text)
        elif kind in {"text/javascript", "application/javascript"}:
            self._read_js(path, text)
        elif kind in {"application/xml", "text/xml", "application/atom+xml"}:
            self._scan_absolute_urls(path, text)
            self._read_xml(path, text)
        elif kind in {"application/json", "text/plain"}:
            self._scan_absolute_urls(path, text)

    def _read_csp(self, response: Response):
        """Hosts the Content-Security-Policy lets pages load from."""
        policy = response.headers.get("content-security-policy", "")
        for directive in policy.split(";"):
            for token in directive.split()[1:]:
                if "://" in token:
                    self.declared_hosts.add(urlsplit(token).hostname)

    def _read_html(self, path: str, text: str):
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all("link", href=True):
            rels = {rel.lower() for rel in tag.get("rel", [])}
            if rels & RESOURCE_RELS:
                self._resource(path, tag["href"])
            else:
                self._link(path, tag["href"])
        for name, attribute in RESOURCE_ATTRIBUTES:
            for tag in soup.find_all(name, attrs={attribute: True}):
                if attribute == "srcset":
                    for candidate in tag[attribute].split(","):
                        if candidate.strip():
                            self._resource(path, candidate.split()[0])
                else:
                    self._resource(path, tag[attribute])
        for tag in soup.find_all("meta", content=True):
            if (tag.get("property") or tag.get("name") or "").lower() in META_IMAGES:
                self._resource(path, tag["content"])
        for tag in soup.find_all(["a", "area"], href=True):
            self._link(path, tag["href"])

    def _read_css(self, path: str, text: str):
        for match in CSS_URL.finditer(text):
            self._resource(path, match.group(2))
        for match in CSS_IMPORT.finditer(text):
            self._resource(path, match.group(2))
        for match in SOURCE_MAP.finditer(text):
            self._resource(path, match.group(1))

    def _read_js(self, path: str, text: str):
        for match in JS_IMPORT.finditer(text):
            self._resource(path, match.group(2))
        for match in SOURCE_MAP.finditer(text):
            self._resource(path, match.group(1))

    def _read_xml(self, path: str, text: str):
        """Sitemap <loc>s and Atom <link href>s are pages to visit."""
        try:
            tree = ET.fromstring(text)  # noqa: S314 - the site's own sitemap and feeds
        except ET.ParseError as error:
            self.problems.append(f"{path} is not well-formed XML ({error})")
            return
        for element in tree.iter():
            if element.tag.endswith("}loc") and element.text:
                self._link(path, element.text.strip())
            elif element.tag.endswith("}link") and element.get("href"):
                self._link(path, element.get("href"))

    def _scan_absolute_urls(self, path: str, text: str):
        """Every absolute URL in a response the site generates (HTML attributes,
        JSON-LD, Open Graph, sitemap, feeds, API, robots.txt) must name the site
        by SITE_BASE_URL, never by the host it was asked on or a local name; each
        one that does is visited, so canonical and API addresses must answer too."""
        for url in ABSOLUTE_URL.findall(text):
            url = url.rstrip(".,;")
            own = self._own_path(url)
            if own is not None:
                self._enqueue(own, path)
                continue
            host = urlsplit(url).hostname or ""
            if (
                host in LOOPBACK_HOSTS
                or host.startswith("127.")
                or host == self._site.hostname
                or urlsplit(url).netloc == self._server_netloc
            ):
                self.problems.append(
                    f"{path} refers to {url}, not to the site's address {self.site_base_url}"
                )

    # -- classifying references ------------------------------------------------------

    def _own_path(self, url: str) -> str | None:
        """The path of `url` on this site if it is written with SITE_BASE_URL."""
        base = self.site_base_url
        if url == base or url.startswith(base + "/") or url.startswith(base + "?"):
            rest = url[len(base) :] or "/"
            return rest if rest.startswith("/") else "/" + rest
        return None

    def _resolve(self, referrer: str, url: str) -> tuple[str, str] | None:
        """("own", path) or ("external", url); None for what is not fetched
        (fragments, mailto:, tel:, data:)."""
        url = urldefrag(url.strip())[0]
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in {"http", "https"}:
            return None
        if parts.scheme or url.startswith("//"):
            own = self._own_path(url if parts.scheme else f"{self._site.scheme}:{url}")
            return ("own", own) if own is not None else ("external", url)
        return "own", urljoin(referrer, url)

    def _resource(self, referrer: str, url: str):
        resolved = self._resolve(referrer, url)
        if resolved is None:
            return
        kind, target = resolved
        if kind == "own":
            self._enqueue(target, referrer)
            return
        host = urlsplit(target).hostname or ""
        self.external_resources.setdefault(host, set()).add(target)
        if host not in self.declared_hosts:
            self.problems.append(
                f"{referrer} loads {target} from {host}, which the site's "
                "Content-Security-Policy does not declare"
            )

    def _link(self, referrer: str, url: str):
        resolved = self._resolve(referrer, url)
        if resolved is None:
            return
        kind, target = resolved
        if kind == "own":
            if self.follow_links:
                self._enqueue(target, referrer)
        else:
            # Links to other websites are content; the absolute-URL scan has
            # already flagged any that name this site by the wrong address.
            self.external_links.add(target)
