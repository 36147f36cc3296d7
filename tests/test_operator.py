"""The operator's path as documented: `.env` read by the bot and the CLI alike, and the Docker
files (no engine here: they are parsed and checked for paths, layers and users)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import bot.app
from core.config import AppConfig, load_config
from newsdigest.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
PACKAGES = ("bot", "core", "digest", "storage", "newsdigest")


# --- .env -----------------------------------------------------------------------------------


@pytest.fixture
def env_dir(tmp_path, monkeypatch) -> Path:
    for name in AppConfig.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={TOKEN}\nDATABASE_PATH=state/from-dotenv.sqlite3\nTIMEZONE=Asia/Almaty\n",
        encoding="utf-8",
    )
    return tmp_path


def test_dotenv_reaches_the_bot(env_dir, monkeypatch):
    seen: list[AppConfig] = []

    async def run(config: AppConfig, **_: object) -> None:  # instead of polling Telegram
        seen.append(config)

    monkeypatch.setattr(bot.app, "run", run)
    monkeypatch.setattr(bot.app, "setup_logging", lambda *a, **k: None)
    assert bot.app.main() == 0
    [config] = seen
    assert config.database_path == Path("state/from-dotenv.sqlite3")
    assert config.timezone == "Asia/Almaty" and config.token == TOKEN


def test_dotenv_reaches_the_cli(env_dir, capsys):
    assert cli_main(["stats"]) == 2  # nothing ingested yet: it names the .env database
    assert "state/from-dotenv.sqlite3" in capsys.readouterr().err
    sample = ROOT / "digest" / "samples" / "harvest_record.txt"
    assert cli_main(["ingest", str(sample), "--workers", "1"]) == 0
    assert (env_dir / "state" / "from-dotenv.sqlite3").is_file()
    capsys.readouterr()
    assert cli_main(["stats"]) == 0
    assert "Всего статей в архиве: 1" in capsys.readouterr().out


def test_the_cli_does_not_need_a_token(env_dir):
    (env_dir / ".env").write_text("DATABASE_PATH=x.sqlite3\n", encoding="utf-8")
    assert load_config(need_token=False).database_path == Path("x.sqlite3")


def env_example() -> dict[str, str]:
    """Uncommented KEY=value lines of .env.example."""
    out = {}
    for line in (ROOT / ".env.example").read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def test_env_example_documents_every_setting_and_keeps_docker_paths():
    text = (ROOT / ".env.example").read_text("utf-8")
    for name in AppConfig.model_fields:
        assert re.search(rf"^#? ?{name.upper()}=", text, re.M), f"{name.upper()} undocumented"
    # a DATABASE_PATH here would override the image's /data (a relative one is not writable
    # by the container's user): it is documented, commented out
    assert "DATABASE_PATH" not in env_example()
    # as copied, it is a valid configuration once the token is real
    config = load_config(env_file=ROOT / ".env.example", bot_token=TOKEN)
    assert config.database_path == Path("data/newsdigest.sqlite3")


# --- Docker -----------------------------------------------------------------------------------


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text("utf-8"))
    out = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def env_values(steps) -> dict[str, str]:
    values: dict[str, str] = {}
    for word, args in steps:
        if word == "ENV":
            for item in shlex.split(args):
                key, _, value = item.partition("=")
                values[key] = value
    return values


def test_dockerfile_layers_users_and_paths(tmp_path):
    steps = dockerfile()
    words = [w for w, _ in steps]
    base = steps[0][1]
    assert steps[0][0] == "FROM" and re.fullmatch(r"python:3\.11\.\d+-slim-[a-z]+", base), base
    copies = [(i, args.split()) for i, (w, args) in enumerate(steps) if w == "COPY"]
    code_copies = [i for i, args in copies if args[0] in PACKAGES]
    assert {args[0] for _, args in copies if args[0] in PACKAGES} == set(PACKAGES)
    first_code = min(code_copies)
    # the dependency layer: only pyproject.toml copied before it, installed before any code
    install = next(i for i, (w, a) in enumerate(steps) if w == "RUN" and "requirements" in a)
    assert [args for i, args in copies if i < install] == [["pyproject.toml", "./"]]
    assert install < first_code
    assert any(w == "RUN" and "--no-deps" in a for i, (w, a) in enumerate(steps) if i > first_code)
    # the requirements the layer installs are exactly the project's dependencies
    code = re.search(r'python -c "(.*?)" >', steps[install][1]).group(1)
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    listed = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, check=True).stdout.split("\n")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert [x for x in listed if x] == project["dependencies"]
    # not root, and the volume is the user's
    user = steps[words.index("USER")][1]
    assert user not in ("root", "0")
    assert any("useradd" in a and user in a for w, a in steps if w == "RUN")
    assert any(f"chown {user} /data" in a for w, a in steps if w == "RUN")
    assert words.index("USER") > install
    env = env_values(steps)
    assert env["DATABASE_PATH"].startswith("/data/")
    assert steps[words.index("VOLUME")][1] == '["/data"]'
    # the health check reads the scheduler's heartbeat file
    health = steps[words.index("HEALTHCHECK")][1]
    assert "HEARTBEAT_FILE" in health and env["HEARTBEAT_FILE"].startswith("/tmp/")
    assert '"python", "-m", "bot"' in steps[words.index("CMD")][1]


def test_dockerignore_keeps_secrets_and_state_out():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".venv", ".env", "data/", ".git"} <= ignored
    assert not ignored & set(PACKAGES)


def test_compose_file_and_readme_docker_commands_agree():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    [(name, service)] = compose["services"].items()
    assert service["build"] == "." and service["env_file"] == ".env"
    env = env_values(dockerfile())
    assert service["environment"]["DATABASE_PATH"] == env["DATABASE_PATH"]
    assert service["environment"]["HEARTBEAT_FILE"] == env["HEARTBEAT_FILE"]
    [volume] = service["volumes"]
    volume_name, mount = volume.split(":")
    assert mount == "/data" and volume_name in compose["volumes"]
    readme = (ROOT / "README.md").read_text("utf-8")
    run = next(line for line in readme.splitlines() if line.startswith("docker run "))
    assert "--env-file .env" in run and f"-v {volume_name}:/data" in run
    assert run.split()[-1] == service["image"]
    assert f"docker build -t {service['image']} ." in readme
    assert "docker compose up -d" in readme
