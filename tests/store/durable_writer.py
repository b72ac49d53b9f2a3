"""A child process for the durability test: commits numbered rows and prints each id once committed.

Usage: python -m tests.store.durable_writer DATABASE_URL START
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from nearer.store.database import open_database
from nearer.store.models import Person


def main() -> None:
    url, start = sys.argv[1], int(sys.argv[2])
    database = open_database(url)
    number = start
    while True:
        with database.session() as session:
            session.add(
                Person(
                    id=f"w{number:08d}",
                    name=f"Writer {number}",
                    email=f"w{number}@example.test",
                    password_hash="not-a-hash",
                    created_at=datetime.now(UTC),
                )
            )
        # Printed only after the commit returned: this is the acknowledgement.
        print(number, flush=True)
        number += 1


if __name__ == "__main__":
    main()
