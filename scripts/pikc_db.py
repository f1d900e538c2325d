"""Create an Odoo database the way the web database manager does.

``odoo-bin`` has no command that creates a database for a given country and
language, which decides the company's currency and, once ``l10n_lv`` is
installed, its chart of accounts. This calls Odoo's own database service for
that, and fails loudly where the service only logs.

    python scripts/pikc_db.py -c odoo.conf create pikc --lang lv_LV --country LV --demo
"""

import argparse
import sys

import odoo
from odoo.service import db as db_service


def create(args):
    odoo.tools.config["load_language"] = args.lang
    db_service._create_empty_database(args.name)
    # Installs base with the language, sets the company's country and
    # currency; it logs rather than raises, hence the check below.
    db_service._initialize_db(
        None, args.name, args.demo, args.lang, args.password, args.login, args.country
    )
    registry = odoo.modules.registry.Registry(args.name)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env["res.company"].browse(1)
        if company.country_id.code != args.country:
            sys.exit(f"database {args.name}: initialisation failed (see the log above)")
        # Staff work in Latvian, partners abroad and the code in English.
        env["res.lang"]._activate_lang("en_US")
        print(
            f"database {args.name}: {company.country_id.name}, "
            f"{company.currency_id.name}, languages {args.lang} and en_US"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    create_parser = sub.add_parser("create", help="create and initialise a database")
    create_parser.add_argument("name")
    create_parser.add_argument("--lang", default="en_US")
    create_parser.add_argument("--country", default="LV")
    create_parser.add_argument("--demo", action="store_true")
    create_parser.add_argument("--login", default="admin")
    create_parser.add_argument("--password", default="admin")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    create(args)


if __name__ == "__main__":
    main()
