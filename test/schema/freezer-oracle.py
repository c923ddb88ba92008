"""Test oracle: runs the installed freezer-api (Debian's python3-freezer-api) against a database.

Run with Debian's own interpreter (/usr/bin/python3), which has freezer-api 13.0.0 and its
dependencies installed as Debian packages:

    /usr/bin/python3 test/schema/freezer-oracle.py db-sync   <sqlalchemy-url>
    /usr/bin/python3 test/schema/freezer-oracle.py version   <sqlalchemy-url>

db-sync   does what `freezer-manage db sync` does: brings the database to freezer-api's newest
          schema (layout A, sqlalchemy-migrate version 3) or leaves it alone when it is already
          there. Prints one JSON line: {"version": <migrate_version after the sync>}.
version   prints {"version": <migrate_version>} without changing anything.

URLs are SQLAlchemy URLs, e.g. sqlite:////tmp/x.db or mysql+pymysql://root@127.0.0.1/db?charset=utf8.
Any failure is printed on stderr as one line and the exit status is 1.
"""

import json
import sys


def configure(url):
    # Imports are local: a wrong interpreter should fail with the message below, not a traceback.
    from oslo_config import cfg
    from oslo_db import options as db_options
    from freezer_api.common import config as freezer_config

    conf = cfg.CONF
    db_options.set_defaults(conf, connection=url)
    freezer_config.register_db_drivers_opt()
    conf.register_cli_opts(freezer_config.api_common_opts())
    conf([], project='freezer-api', default_config_files=[])


def migrate_version(driver):
    from sqlalchemy import text

    with driver.get_engine().connect() as connection:
        row = connection.execute(
            text("SELECT version FROM migrate_version WHERE repository_id = 'freezer-api'")
        ).first()
        return None if row is None else int(row[0])


def main(argv):
    if len(argv) != 3 or argv[1] not in ('db-sync', 'version'):
        print('usage: freezer-oracle.py db-sync|version <sqlalchemy-url>', file=sys.stderr)
        return 2
    command, url = argv[1], argv[2]
    try:
        configure(url)
        from freezer_api.db.sqlalchemy.driver import SQLDriver

        driver = SQLDriver('sqlalchemy')
        if command == 'db-sync':
            driver.db_sync()
        print(json.dumps({'version': migrate_version(driver)}))
        return 0
    except ImportError as error:
        print(f'freezer-api is not importable ({error}); run this with /usr/bin/python3 '
              'and the python3-freezer-api package installed', file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the caller wants the message, not the trace
        message = ' '.join(str(error).split())
        print(f'{type(error).__name__}: {message}', file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
