"""Password hashing with Argon2id. The hasher is a value so tests can pass cheaper parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError


@dataclass(frozen=True)
class Passwords:
    """Hashes and checks passwords. The defaults are argon2-cffi's recommended Argon2id settings."""

    hasher: PasswordHasher = field(default_factory=lambda: PasswordHasher(type=Type.ID))

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def matches(self, stored_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def spend_equal_time(self, password: str) -> None:
        """Verify against a throwaway hash, taking as long as a real check."""
        self.matches(self._throwaway_hash, password)

    @cached_property
    def _throwaway_hash(self) -> str:
        return self.hash("a password nobody has")

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    @classmethod
    def quick(cls) -> Passwords:
        """Still Argon2id, with small costs: for tests and benchmarks that create many accounts."""
        return cls(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
