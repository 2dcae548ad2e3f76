"""Passphrase protection: AES-GCM with a key derived by scrypt (the ``cryptography`` library).

Used for locked data folders and for protected export files. There is no way around a lost
passphrase: nothing here keeps a copy of it or of the key.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import CircleKitError
from ..i18n import _

MIN_PASSPHRASE = 8
# scrypt cost: 2**15 needs 32 MB and about a tenth of a second, once per start or file.
DEFAULT_N = 2**15
# Bounds for parameters read from a file: a hostile file must not ask for gigabytes.
_N_RANGE = (2**14, 2**17)
_NONCE = 12


class WrongPassphrase(CircleKitError):
    pass


class BadPassphrase(CircleKitError):
    """A new passphrase that is too weak to set."""


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise BadPassphrase(
            _("Choose a passphrase of at least {n} characters; a few words that only you "
              "would put together work well.").format(n=MIN_PASSPHRASE)
        )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class KeyRecipe:
    """How a key is derived from a passphrase: scrypt with these settings and salt."""

    salt: bytes
    n: int = DEFAULT_N
    r: int = 8
    p: int = 1

    @classmethod
    def new(cls) -> KeyRecipe:
        return cls(salt=os.urandom(16))

    def derive(self, passphrase: str) -> bytes:
        kdf = Scrypt(salt=self.salt, length=32, n=self.n, r=self.r, p=self.p)
        return kdf.derive(passphrase.encode("utf-8"))

    def to_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "salt": b64(self.salt), "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, data: object) -> KeyRecipe:
        """Read settings from a file, refusing any a real export would not have."""
        if not isinstance(data, dict) or data.get("name") != "scrypt":
            raise ValueError(_("unknown key derivation"))
        n, r, p = data.get("n"), data.get("r"), data.get("p")
        if not (type(n) is int and _N_RANGE[0] <= n <= _N_RANGE[1] and n & (n - 1) == 0
                and r == 8 and p == 1):
            raise ValueError(_("key derivation settings out of range"))
        salt = base64.b64decode(str(data.get("salt")), validate=True)
        if not 16 <= len(salt) <= 64:
            raise ValueError(_("salt of the wrong size"))
        return cls(salt=salt, n=n, r=r, p=p)


class Sealer:
    """Seals and opens bytes with one key; ``context`` binds a sealed value to its place."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self._aead = AESGCM(key)

    def seal(self, data: bytes, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, data, context)

    def open(self, sealed: bytes, context: bytes) -> bytes:
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], context)
        except (InvalidTag, ValueError):
            raise WrongPassphrase(
                _("The passphrase does not open this. Check it and try again (letters, "
                "spaces and capitals must match exactly).")
            ) from None
