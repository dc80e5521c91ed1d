"""Where the store is: one settings object, from (highest first) command-line options,
environment variables (``NAP_GRAPH_STORE``, ``NAP_GRAPH_ENDPOINT``, ...), a config file
(``./nap-graph.toml``, else ``$XDG_CONFIG_HOME/nap-graph/config.toml``), and defaults.

The default is an embedded on-disk Oxigraph store in ``$XDG_DATA_HOME/nap-graph/store``
(``~/.local/share/nap-graph/store``), created and filled with the default data on first use.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/nap-graph/store``, or ``~/.local/share/nap-graph/store``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nap-graph" / "store"


def config_files() -> list[Path]:
    """The config files looked at, the first found wins."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path("nap-graph.toml"), Path(base) / "nap-graph" / "config.toml"]


class StoreSettings(BaseSettings):
    """How to reach the store. ``endpoint`` set means a SPARQL 1.1 server; otherwise the
    embedded Oxigraph store at ``store`` (or in memory with ``memory``)."""

    model_config = SettingsConfigDict(env_prefix="NAP_GRAPH_", extra="ignore")

    store: Path | None = None
    memory: bool = False
    endpoint: str | None = None
    update_endpoint: str | None = None
    graph_store_endpoint: str | None = None
    username: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 30.0
    retries: int = 2

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        found = next((p for p in config_files() if p.is_file()), None)
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if found is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=found))
        return tuple(sources)

    @property
    def store_path(self) -> Path:
        return self.store or default_store_path()
