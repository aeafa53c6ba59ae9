"""Every test function checks something, and none can stop before it does.

An AST check of the test suite (no Django, no database). A test function
(`test_*` at module level or in a `Test*` class) must, in its own body:

- contain an `assert`, a `with pytest.raises(...)` / `pytest.warns(...)`, or a
  call (or `with`) of a helper whose name starts with `assert` (`assert_no_secret`,
  `self.assertContains`, `assertPageIsRenderable`) or `expect` (Playwright's
  `expect(locator).to_have_text(...)`), or has `_assert_` in it
  (pytest-django's `django_assert_num_queries`); and
- contain no `return`: a test that cannot run says so with `pytest.skip(...)`,
  which shows in the report, instead of passing without checking anything.

Nested functions and classes do not count: an assert in a callback that is
never called proves nothing. docs/decisions/0087-architecture-checks.md.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def own_nodes(function):
    """The nodes of `function`'s body, without nested functions and classes."""
    nested = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
    stack = [node for node in function.body if not isinstance(node, nested)]
    while stack:
        node = stack.pop()
        yield node
        stack += [child for child in ast.iter_child_nodes(node) if not isinstance(child, nested)]


def called_name(call):
    func = call.func
    while isinstance(func, ast.Call):  # expect(page).to_have_title(...): the inner call
        func = func.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def is_assert_name(name):
    """assert_no_secret, assertContains, expect, django_assert_num_queries."""
    return name.startswith(("assert", "expect")) or "_assert_" in f"_{name}"


def checks_something(node):
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            expr = item.context_expr
            if isinstance(expr, ast.Call) and (
                called_name(expr) in {"raises", "warns"} or is_assert_name(called_name(expr))
            ):
                return True
    if isinstance(node, ast.Call):
        name = called_name(node)
        inner = node.func.value if isinstance(node.func, ast.Attribute) else None
        inner_name = called_name(inner) if isinstance(inner, ast.Call) else ""
        return any(is_assert_name(n) for n in (name, inner_name))
    return False


def find_test_functions(tree):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(
                    item, ast.FunctionDef | ast.AsyncFunctionDef
                ) and item.name.startswith("test"):
                    yield f"{node.name}.{item.name}", item


def problems(source, path="<test>"):
    """["path:line name: what is wrong", ...] for the test functions in `source`."""
    found = []
    for name, function in find_test_functions(ast.parse(source)):
        nodes = list(own_nodes(function))
        where = f"{path}:{function.lineno} {name}"
        if not any(checks_something(node) for node in nodes):
            found.append(
                f"{where}: checks nothing (no assert, pytest.raises or assert_/expect helper)"
            )
        for node in nodes:
            if isinstance(node, ast.Return):
                found.append(f"{where}: returns at line {node.lineno} (use pytest.skip)")
    return found


def test_every_test_function_asserts_and_never_returns_early():
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        found += problems(path.read_text(), path.relative_to(TESTS.parent))
    assert found == [], "\n".join(found)


def test_the_check_catches_what_it_should():
    bad = """
def test_nothing(client):
    client.get("/")

def test_returns_early(client):
    if client is None:
        return
    assert client

def test_assert_only_in_a_callback(page):
    page.on("console", lambda message: None)
    def callback():
        assert False

class TestThings:
    def test_method(self):
        self.client.get("/")
"""
    good = """
import pytest

def test_asserts():
    assert 1

def test_raises():
    with pytest.raises(ValueError):
        int("x")

def test_helper(response):
    assert_no_secret(response, "body")

def test_unittest_style(self):
    self.assertContains(self.response, "x")

def test_playwright(page):
    expect(page.locator("h1")).to_have_text("Home")

def test_skips(client):
    if client is None:
        pytest.skip("no client")
    assert client
"""
    assert [line.split(" ", 1)[1] for line in problems(bad)] == [
        "test_nothing: checks nothing (no assert, pytest.raises or assert_/expect helper)",
        "test_returns_early: returns at line 7 (use pytest.skip)",
        "test_assert_only_in_a_callback: checks nothing (no assert, pytest.raises or assert_/expect helper)",
        "TestThings.test_method: checks nothing (no assert, pytest.raises or assert_/expect helper)",
    ]
    assert problems(good) == []
