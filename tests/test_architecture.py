"""The shape of the package: imports run one way, the document is written once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

from kkfz_docs.render import outline

PACKAGE = ROOT / "kkfz_docs"

# Bottom to top (docs/architecture.md). A module may import from its own layer or below.
LAYERS = [
    {
        "paths",
        "errors",
        "findings",
        "values",
        "text",
        "format",
        "atomic",
        "model",
        "images",
        "crash",
        "document",
        "argumenten",
    },
    {"sections"},
    {"meerjarenplan", "verslag", "jaarcyclus"},
    {"convert", "koppelingen", "load", "yamlfile"},
    {"rules"},
    {"render"},
    {"api", "batch", "preview", "cli", "nieuw", "__init__", "__main__"},
]


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every kkfz_docs module the file imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("kkfz_docs"):
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.add(sub if (ROOT / (sub.replace(".", "/") + ".py")).exists() else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kkfz_docs")}
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def layer(module: str) -> int:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else "__init__"
    return next(i for i, names in enumerate(LAYERS) if key in names)


def test_no_import_cycle_among_the_modules_function_level_imports_included():
    g = graph()
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in g.get(m, ()):
            if n not in g:
                continue
            assert state.get(n) != 1, " -> ".join([*trail, m, n])
            if n not in state:
                visit(n, [*trail, m])
        state[m] = 2

    for m in g:
        if m not in state:
            visit(m, [])


def test_no_module_imports_from_a_higher_layer():
    wrong = [
        f"{m} -> {n}" for m, targets in graph().items() for n in targets if n != "kkfz_docs" and layer(n) > layer(m)
    ]
    assert wrong == []


LAYOUT_MODULES = {"word_template", "pdf", "pdf_tags", "docx", "context", "preview", "build_template"}


def literal_texts() -> set[str]:
    """The heading texts, labels and table headers of both documents: the words, tags left out."""
    texts = set()
    todo = [*outline.DOCUMENT, *outline.MEERJARENPLAN]
    while todo:
        node = todo.pop()
        if isinstance(node, outline.Chapter):
            texts.add(node.titel)
        elif isinstance(node, outline.Heading):
            texts.add(node.tekst)
        elif isinstance(node, outline.Kenmerk):
            texts.add(node.label)
        elif isinstance(node, outline.Table):
            texts |= set(node.koppen)
        elif isinstance(node, outline.CrossTable):
            texts.add(node.hoek)
            if node.laatste:
                texts.add(node.laatste[0])
        todo += getattr(node, "body", ())
    return {t for t in texts if re.sub(r"\{\{.*?\}\}", "", t).strip()}


def string_literals(path: Path) -> list[str]:
    """The module's string constants, leaving out the names in __all__."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported = {
        id(c)
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
        for c in ast.walk(n.value)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in exported
    ]


def test_each_heading_and_table_header_is_written_only_in_the_outline():
    """The modules that lay the document out (the renderers, the context, the preview and the template
    builder) take them from render/outline.py."""
    texts = literal_texts()
    assert len(texts) > 20
    outline_file = PACKAGE / "render" / "outline.py"
    assert texts <= set(string_literals(outline_file))
    elsewhere = [
        f"{p.relative_to(ROOT)}: {t}"
        for p in [*PACKAGE.rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]
        if p != outline_file and p.stem in LAYOUT_MODULES
        for t in string_literals(p)
        if t in texts
    ]
    assert elsewhere == []


def test_every_module_says_what_is_public():
    """Each module lists its public names in __all__; a name left out is internal."""
    missing = [
        str(p.relative_to(ROOT))
        for p in PACKAGE.rglob("*.py")
        if not any(
            isinstance(n, ast.Assign | ast.AnnAssign)
            and "__all__" in [getattr(t, "id", "") for t in (n.targets if isinstance(n, ast.Assign) else [n.target])]
            for n in ast.parse(p.read_text(encoding="utf-8")).body
        )
    ]
    assert missing == []
