"""Each option answered "no" removes its files and every mention of them."""

from __future__ import annotations

import pytest
from helpers import KINDS, cases, variants


def package_of(project) -> str:
    return next((project / "src").iterdir()).name


@pytest.mark.parametrize(("kind", "variant"), cases())
def test_no_empty_folders(generated, kind, variant):
    for engine in ("cookiecutter", "copier"):
        project = generated(engine, kind, variant)
        empty = [
            p.relative_to(project)
            for p in project.rglob("*")
            if p.is_dir() and ".git" not in p.relative_to(project).parts and not any(p.iterdir())
        ]
        assert not empty, f"{engine}: {empty}"


@pytest.mark.parametrize("kind", KINDS)
def test_minimal_project_has_no_dangling_references(generated, kind):
    project = generated("cookiecutter", kind, "minimal")
    package = package_of(project)
    for absent in ["Dockerfile", ".dockerignore", "LICENSE", ".github", f"src/{package}/api.py", "tests/test_api.py"]:
        assert not (project / absent).exists(), absent
    assert not (project / ".git").exists()  # init_git=no
    readme = (project / "README.md").read_text("utf-8")
    makefile = (project / "Makefile").read_text("utf-8")
    pyproject = (project / "pyproject.toml").read_text("utf-8")
    requirements = (project / "requirements.txt").read_text("utf-8")
    cli = (project / "src" / package / "cli.py").read_text("utf-8")
    for text, words in [
        (readme, ["make serve", "docker", "Docker", "LICENSE", "## License", "actions/workflows", "api.py"]),
        (makefile, ["serve", "uvicorn"]),
        (pyproject, ["license"]),
        (requirements, ["fastapi", "uvicorn"]),
        (cli, ["serve", "uvicorn", "api"]),
    ]:
        for word in words:
            assert word not in text, word


@pytest.mark.parametrize("kind", KINDS)
def test_docker_without_api_runs_the_pipeline(generated, kind):
    project = generated("cookiecutter", kind, "apache-docker-no-api")
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    assert '"all"]' in dockerfile and "serve" not in dockerfile and "EXPOSE" not in dockerfile
    readme = (project / "README.md").read_text("utf-8")
    assert "docker build" in readme and "make serve" not in readme
    assert (project / "LICENSE").read_text("utf-8").lstrip().startswith("Apache License")
    assert 'license = "Apache-2.0"' in (project / "pyproject.toml").read_text("utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_api_without_docker(generated, kind):
    project = generated("cookiecutter", kind, "bsd-api-only")
    assert not (project / "Dockerfile").exists()
    assert "docker" not in (project / "README.md").read_text("utf-8").lower()
    assert "make serve" in (project / "README.md").read_text("utf-8")
    assert (project / "LICENSE").read_text("utf-8").startswith("BSD 3-Clause License")


@pytest.mark.parametrize(("kind", "variant"), [case for case in cases() if case[1].startswith("choices-")])
def test_python_version_reaches_every_tool(generated, kind, variant):
    answers = variants(kind)[variant]
    version = answers["python_version"]
    project = generated("cookiecutter", kind, variant)
    pyproject = (project / "pyproject.toml").read_text("utf-8")
    assert f'requires-python = ">={version}"' in pyproject
    assert f'target-version = "py{version.replace(".", "")}"' in pyproject
    if answers["ci"] == "github":
        assert f'python-version: "{version}"' in (project / ".github/workflows/ci.yml").read_text("utf-8")
    if answers["include_docker"] == "yes":
        assert f"FROM python:{version}-slim" in (project / "Dockerfile").read_text("utf-8")
