from odoo import fields, models


class PikcEnergyType(models.Model):
    """A kind of energy or resource a building consumes and is billed for.

    Heat, electricity, gas and water come as data; each says in which unit
    its meters are read, how many kWh one unit holds (for energy intensity)
    and how many kilograms of CO2 one unit emits. Emission factors are
    configuration, not code: when the national factors are revised, a
    resource manager changes them here and every reading's CO2 follows.

    Every employee reads the energy types; only a resource manager creates,
    changes or archives them.
    """

    _name = "pikc.energy.type"
    _description = "Energy Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short, unique code of the energy type, used in reports and imports.",
    )
    unit = fields.Char(
        required=True,
        help="Unit in which the meter is read and the supplier bills, "
        "e.g. MWh, kWh or m³.",
    )
    kwh_factor = fields.Float(
        string="kWh per Unit",
        digits=(16, 4),
        help="Energy content of one unit in kWh, used for the energy intensity "
        "(kWh per m²): 1000 for heat billed in MWh, 1 for electricity in kWh, "
        "about 9.5 for natural gas in m³, 0 for water, which is not energy.",
    )
    co2_factor = fields.Float(
        string="kg CO₂ per Unit",
        digits=(16, 4),
        help="Emission factor: kilograms of CO₂ emitted per unit consumed. "
        "Take it from the national methodology in force (e.g. the factors "
        "published for the Climate Change Financial Instrument); 0 for water.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_uniq",
            "EXCLUDE USING btree ((lower(btrim(code))) WITH =)",
            "Another energy type already has this code: each energy type needs "
            "its own code.",
        ),
    ]
