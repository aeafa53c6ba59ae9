"""The project's import graph, read from the source with `ast` (nothing is
imported). Every import counts, at module level or inside a function: a
function-level import only postpones a circular import, it does not remove it.
String model references ("places.PlacePartnershipPage") import nothing and do
not appear here."""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

#: The shared platform: core, editorial, search, pagecache, security, the API.
PLATFORM = ("lscpartnerships",)
#: One app per content domain (docs/architecture.md).
DOMAIN_APPS = (
    "documents",
    "places",
    "directors",
    "decisions",
    "briefings",
    "alerts",
    "format_requests",
)
PACKAGES = PLATFORM + DOMAIN_APPS


@dataclass(frozen=True)
class Import:
    importer: str  # module that imports, e.g. "briefings.models"
    target: str  # project module imported, e.g. "documents.pdf"
    name: str | None  # the name taken from it ("write_text_pdf"), None for `import x.y`
    line: int

    @property
    def where(self):
        return f"{self.importer}:{self.line}"


def modules(root=ROOT, packages=PACKAGES):
    """{dotted module name: path} of every project module, migrations aside
    (they name models by string and are frozen history)."""
    found = {}
    for package in packages:
        for path in sorted((Path(root) / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _resolve(name, known):
    """The longest known module `name` is or is inside, or None."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(root=ROOT, packages=PACKAGES):
    """Every import of one project module by another, as Import records."""
    known = modules(root, packages)
    found = []
    for module, path in known.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = _resolve(alias.name, known)
                    if target and target != module:
                        found.append(Import(module, target, None, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    if submodule in known:  # from . import pdf_accessibility
                        target, name = submodule, None
                    else:
                        target, name = _resolve(base, known), alias.name
                    if target and target != module:
                        found.append(Import(module, target, name, node.lineno))
    return found


def cycles(edges):
    """Groups of modules that import each other, directly or round a loop
    (strongly connected components of more than one module, Tarjan)."""
    graph = {}
    for edge in edges:
        graph.setdefault(edge.importer, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def app_of(module):
    return module.split(".")[0]
