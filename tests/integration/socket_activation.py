"""Starts a program the way systemd starts a socket-activated Type=notify
service: a listening unix socket on fd 3 with LISTEN_FDS=1, LISTEN_PID (the
program's own pid), LISTEN_FDNAMES, and NOTIFY_SOCKET naming a datagram
socket that collects what it reports with sd_notify.

Used by test_systemd.py and, as a program, by tests/package/check-package.sh:
    socket_activation.py SOCKET NOTIFY_LOG [--user USER] [--env K=V]... -- PROGRAM ARGS...
which runs until PROGRAM exits (SIGTERM is passed on) and appends each
notification to NOTIFY_LOG as it arrives.
"""

import os
import pwd
import signal
import socket
import subprocess
import sys
import threading


class Activated:
    """A program started with a passed socket; .notifications lists what it
    sent to NOTIFY_SOCKET, one string per datagram."""

    def __init__(self, argv, socket_path, env=None, user=None, mode=0o660):
        self.socket_path = socket_path
        self.notifications = []
        self._seen = threading.Condition()
        for path in (socket_path, socket_path + ".notify"):
            if os.path.exists(path):
                os.unlink(path)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(socket_path)
        self.listener.listen(128)
        os.chmod(socket_path, mode)
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(socket_path + ".notify")
        prefix = []
        if user:
            os.chown(socket_path, pwd.getpwnam(user).pw_uid, -1)
            os.chown(socket_path + ".notify", pwd.getpwnam(user).pw_uid, -1)
            prefix = ["setpriv", "--reuid", user, "--regid", user, "--clear-groups", "--"]
        environment = dict(env or {})
        environment.update({"LISTEN_FDS": "1", "LISTEN_FDNAMES": "fastscimd.socket",
                            "NOTIFY_SOCKET": socket_path + ".notify"})
        # The shell puts the socket on fd 3 (SD_LISTEN_FDS_START) and sets
        # LISTEN_PID to its own pid, which exec (and setpriv's exec) keep:
        # the pid of the program that reads it, as systemd sets it.
        fd = self.listener.fileno()
        move = "" if fd == 3 else "exec 3<&%d %d<&-; " % (fd, fd)
        script = move + 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"'
        self.process = subprocess.Popen(["/bin/sh", "-c", script, "sh"] + prefix + list(argv), env=environment,
                                        pass_fds=(fd,), stdin=subprocess.DEVNULL, start_new_session=True)
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self):
        while True:
            try:
                data = self.notify.recv(4096)
            except OSError:
                return
            with self._seen:
                self.notifications.append(data.decode("utf-8", "replace"))
                self._seen.notify_all()

    def wait_for(self, line, timeout, after=0):
        """True once a notification after the first `after` has the line `line`."""
        def found():
            return any(line in n.split("\n") for n in self.notifications[after:])
        with self._seen:
            return self._seen.wait_for(found, timeout)

    def stop(self, timeout=30):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.notify.close()
        self.listener.close()


def main(args):
    socket_path, log = args[0], args[1]
    user, env, i = None, {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, 2
    while args[i] != "--":
        if args[i] == "--user":
            user = args[i + 1]
        elif args[i] == "--env":
            key, _, value = args[i + 1].partition("=")
            env[key] = value
        i += 2
    activated = Activated(args[i + 1:], socket_path, env=env, user=user)
    signal.signal(signal.SIGTERM, lambda *_: activated.process.terminate())
    written = 0
    while activated.process.poll() is None:
        activated.wait_for("\0never", 0.2)
        with open(log, "a", encoding="utf-8") as out:
            for n in activated.notifications[written:]:
                out.write(n.replace("\n", " ") + "\n")
            written = len(activated.notifications)
    status = activated.process.wait()
    activated.stop()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
