"""fastscimd under systemd: a socket passed by socket activation (LISTEN_FDS,
LISTEN_PID on fd 3, as fastscimd.socket passes it) and readiness reported
with sd_notify, so that fastscimd.service's Type=notify is true.  The
service manager is played by socket_activation.py, on this run's database."""

import os
import signal
import unittest

from fixture import ENV, children, fcgi_request, token, wait_until
from socket_activation import Activated

SPC = "/scim/v2/ServiceProviderConfig"


class SocketActivationTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.log = os.path.join(ENV["workdir"], "log", "activated.log")
        # No listen address: the passed socket is the only one it may serve.
        env = {"FASTSCIM_LISTEN": "", "FASTSCIM_PID_FILE": "", "FASTSCIM_LOG_FILE": cls.log,
               "FASTSCIM_WORKERS": "2", "FASTSCIM_THREADS": "1", "FASTSCIM_WEBHOOK_DELIVERY": "off"}
        cls.server = Activated([ENV["fastscimd"], "--config", ENV["config"]],
                               os.path.join(ENV["workdir"], "run", "activated.sock"), env=env)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_1_reports_ready_once_its_workers_run_and_serves_the_passed_socket(self):
        self.assertTrue(self.server.wait_for("READY=1", 20),
                        "no READY=1 on NOTIFY_SOCKET: %s" % self.server.notifications)
        ready = next(n for n in self.server.notifications if "READY=1" in n.split("\n"))
        self.assertIn("STATUS=serving on the socket passed by the service manager", ready)
        self.assertEqual(len(wait_until(lambda: children(self.server.process.pid), 10) or ()), 2)
        for _ in range(4):  # more requests than one worker's threads
            response = fcgi_request(self.server.socket_path, "GET", SPC, token=token())
            self.assertEqual(response.status, 200, response.body[:300])

    def test_2_sighup_reports_reloading_then_ready_again(self):
        self.assertTrue(self.server.wait_for("READY=1", 20))
        before = len(self.server.notifications)
        os.kill(self.server.process.pid, signal.SIGHUP)
        self.assertTrue(self.server.wait_for("RELOADING=1", 20, after=before), self.server.notifications)
        self.assertTrue(self.server.wait_for("READY=1", 20, after=before + 1), self.server.notifications)
        response = fcgi_request(self.server.socket_path, "GET", SPC, token=token())
        self.assertEqual(response.status, 200)

    def test_3_sigterm_reports_stopping_and_leaves_the_socket_to_systemd(self):
        self.assertTrue(self.server.wait_for("READY=1", 20))
        self.server.process.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.process.wait(40), 0)
        self.assertTrue(self.server.wait_for("STOPPING=1", 5), self.server.notifications)
        self.assertTrue(os.path.exists(self.server.socket_path), "fastscimd removed a socket it did not create")


if __name__ == "__main__":
    unittest.main()
