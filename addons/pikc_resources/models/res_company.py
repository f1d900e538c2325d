from odoo import Command, fields, models
from odoo.tools.translate import code_translations

#: The name of each institution's operation type issuing consumables to a
#: training (translated per language, see ``_pikc_translate_training_operation``).
TRAINING_OPERATION = "Issue to Training"


class ResCompany(models.Model):
    """Institutions are companies.

    The PIKC and each member school is a ``res.company``: standard Odoo
    multi-company rules keep each institution's records inside it, and what
    an institution shares is opened explicitly, record by record.
    """

    _inherit = "res.company"

    pikc_institution_type = fields.Selection(
        [
            ("centre", "Competence centre"),
            ("member", "Member school"),
        ],
        string="PIKC role",
        help="The part this institution plays in the PIKC network; "
        "leave empty for companies outside it.",
    )
    pikc_sector_ids = fields.Many2many(
        "pikc.sector",
        "pikc_sector_res_company_rel",
        "company_id",
        "sector_id",
        string="Sectors",
        help="Competence sectors this institution teaches in.",
    )
    pikc_utilization_threshold = fields.Float(
        string="Utilization Threshold (%)",
        default=30.0,
        digits=(16, 1),
        help="Resources of this institution booked for less than this share "
        "of their available hours are flagged as under-used.",
    )

    pikc_training_location_id = fields.Many2one(
        "stock.location",
        string="Training Consumption Location",
        readonly=True,
        help="Virtual location into which consumables issued to trainings go.",
    )
    pikc_workshop_location_id = fields.Many2one(
        "stock.location",
        string="Workshops Location",
        readonly=True,
        help="Parent of the workshops' stock locations, in the institution's "
        "warehouse beside its Stock: the workshops' consumables are theirs, "
        "not the store's, and are supplied from Stock by internal transfers.",
    )
    pikc_training_picking_type_id = fields.Many2one(
        "stock.picking.type",
        string="Issue to Training Operation",
        readonly=True,
        help="Operation type that issues consumables from a workshop to a training.",
    )

    def _create_per_company_locations(self):
        res = super()._create_per_company_locations()
        self._pikc_create_training_consumption()
        return res

    def _pikc_create_training_consumption(self):
        """Each institution gets a *Training consumption* location and an
        *Issue to Training* operation type whose moves are costed to the
        workshop they leave (see ``stock.move._get_analytic_distribution``)."""
        virtual = self.env.ref("stock.stock_location_locations_virtual")
        for company in self.sudo():
            if not company.pikc_training_location_id:
                company.pikc_training_location_id = self.env["stock.location"].create(
                    {
                        "name": self.env._("Training consumption"),
                        "usage": "inventory",
                        "location_id": virtual.id,
                        "company_id": company.id,
                    }
                )
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            # The operation type is created with the institution's first
            # warehouse (see stock.warehouse.create).
            if warehouse and not company.pikc_training_picking_type_id:
                company.pikc_training_picking_type_id = self.env[
                    "stock.picking.type"
                ].create(
                    {
                        "name": self.env._("Issue to Training"),  # TRAINING_OPERATION
                        "code": "internal",
                        "sequence_code": "TRN",
                        "company_id": company.id,
                        "warehouse_id": warehouse.id,
                        "default_location_src_id": warehouse.lot_stock_id.id,
                        "default_location_dest_id": (
                            company.pikc_training_location_id.id
                        ),
                        "pikc_workshop_costing": True,
                    }
                )
        self._pikc_translate_training_operation()

    def _pikc_translate_training_operation(self, langs=None):
        """Name the *Issue to Training* operation types as each language
        (``langs`` codes, every installed one by default) says it: the name
        is written from code, in the language of the user who installed
        PIKC, and Odoo shows it prefixed with the institution's warehouse."""
        picking_types = self.sudo().pikc_training_picking_type_id
        if not picking_types:
            return
        langs = langs or [code for code, _name in self.env["res.lang"].get_installed()]
        names = {
            lang: code_translations.get_python_translations("pikc_resources", lang).get(
                TRAINING_OPERATION, TRAINING_OPERATION
            )
            for lang in langs
            if lang != "en_US"
        }
        if names:
            for picking_type in picking_types:
                picking_type.update_field_translations("name", names)

    def _pikc_warehouse(self):
        """The institution's warehouse, created as Odoo creates one for a new
        company when the institution existed before Inventory was installed."""
        self.ensure_one()
        warehouses = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        warehouse = warehouses.search([("company_id", "=", self.id)], limit=1)
        if not warehouse:
            warehouse = warehouses.create(
                {
                    "name": self.name,
                    "code": "".join(word[0] for word in self.name.split()[:5]).upper()
                    or "WH",
                    "company_id": self.id,
                    "partner_id": self.partner_id.id,
                }
            )
        return warehouse

    def _pikc_workshop_location(self):
        """The parent of the institution's workshop locations, created with
        the rule of *Supply workshops from stock* that replenishes them from
        the warehouse's Stock (taking what is there, else triggering the
        product's own route, e.g. Buy, into Stock)."""
        self.ensure_one()
        company = self.sudo()
        if company.pikc_workshop_location_id:
            return company.pikc_workshop_location_id
        warehouse = company._pikc_warehouse()
        parent = (
            self.env["stock.location"]
            .sudo()
            .create(
                {
                    "name": self.env._("Workshops"),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": company.id,
                }
            )
        )
        company.pikc_workshop_location_id = parent
        route = self.env.ref("pikc_resources.route_workshop_supply").sudo()
        self.env["stock.rule"].sudo().create(
            {
                "name": self.env._(
                    "%(warehouse)s: Stock → Workshops", warehouse=warehouse.code
                ),
                "action": "pull",
                "procure_method": "mts_else_mto",
                "route_id": route.id,
                "location_src_id": warehouse.lot_stock_id.id,
                "location_dest_id": parent.id,
                "location_dest_from_rule": True,
                "picking_type_id": warehouse.int_type_id.id,
                "warehouse_id": warehouse.id,
                "company_id": company.id,
            }
        )
        warehouse.route_ids = [Command.link(route.id)]
        return parent

    def _pikc_move_workshop_locations(self):
        """Move the workshop locations that still sit in the Stock of their
        institution's warehouse (made before 18.0.1.2.0) under its
        *Workshops* location; their quants, moves and rules go with them."""
        workshops = (
            self.env["pikc.workshop"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", self.ids), ("location_id", "!=", False)])
        )
        for workshop in workshops:
            company = workshop.company_id
            parent = company._pikc_workshop_location()
            stock = company._pikc_warehouse().lot_stock_id
            if workshop.location_id.location_id == stock:
                workshop.location_id.location_id = parent

    def _pikc_training_picking_type(self):
        self.ensure_one()
        if not self.pikc_training_picking_type_id:
            self._pikc_warehouse()  # creates the operation type with it
            self._pikc_create_training_consumption()
        return self.pikc_training_picking_type_id
