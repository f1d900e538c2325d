"""What the RPC suites share: a test server and the calls a client makes
over XML-RPC (``execute_kw``) as a demo login (password = login)."""

import xmlrpc.client

from odoo.tests import HttpCase, get_db_name


class PikcRpcCase(HttpCase):
    """Calls as a client makes them, and refusals as a client sees them."""

    def call(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over XML-RPC as ``login``."""
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, login, login, {})
        self.assertTrue(uid, login)
        return self.xmlrpc_object.execute_kw(
            db, uid, login, model, method, list(args), kwargs
        )

    def json_call(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as the web client calls it
        (JSON-RPC ``/web/dataset/call_kw``) in a session of ``login``."""
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertFault(self, pattern, login, model, method, *args, **kwargs):
        """The call is refused with a message matching ``pattern``, in words
        (no traceback, no SQL); returns the message."""
        with self.assertRaises(xmlrpc.client.Fault) as refusal:
            self.call(login, model, method, *args, **kwargs)
        message = refusal.exception.faultString
        self.assertRegex(message, pattern)
        self.assertNotRegex(message, "psycopg2|Traceback|column")
        return message
