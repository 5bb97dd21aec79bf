"""
The checks `infraspec preflight examples/senex-trader --role app-server --offline` derives
from the spec, written by hand for testinfra (Debian's python3-testinfra), as an operator
would: one test per requirement, run locally. bench/preflight.js times this file against
infraspec. Tests fail where the host misses the spec, exactly as preflight reports; the
bench times the run, not the verdict.

Run: /usr/bin/python3 -m pytest -q -p no:cacheprovider bench/preflight_testinfra.py
"""
import os
import re

import pytest
import testinfra

host = testinfra.get_host("local://")

SOFTWARE = {
    # name: (command, version regex, minimum)
    "podman": ("podman --version", r"version (\d+(?:\.\d+)+)", (4, 4)),
    "python3": ("python3 --version", r"Python (\d+(?:\.\d+)+)", (3, 11)),
    "psql": ("psql --version", r"(\d+(?:\.\d+)+)", None),
    "rclone": ("rclone version", r"v(\d+(?:\.\d+)+)", None),
    "rsync": ("rsync --version", r"version (\d+(?:\.\d+)+)", None),
}
PACKAGES = [
    "podman", "python3", "python3-pip", "python3-venv", "git", "curl", "wget", "ca-certificates", "gnupg", "lsb-release",
    "ufw", "fail2ban", "unattended-upgrades",
    "htop", "iotop", "nethogs", "sysstat",
    "rsync", "rclone", "postgresql-client-16",
]
DIRECTORIES = [
    ("/opt/senex-trader", None),
    ("/etc/senex-trader", 0o700),
    ("/var/log/senex-trader", None),
    ("/var/backups/senex-trader", 0o700),
]


def test_cpu_cores():
    assert os.cpu_count() >= 2


def test_memory():
    meminfo = host.file("/proc/meminfo").content_string
    kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    assert kib * 1024 >= 4 * 10**9


def test_disk_total():
    st = os.statvfs("/")
    assert st.f_blocks * st.f_frsize >= 40 * 10**9


def test_disk_free():
    st = os.statvfs("/")
    assert st.f_bavail * 10 >= st.f_blocks


def test_os():
    assert (host.system_info.distribution, host.system_info.release) in {("debian", "12"), ("ubuntu", "24.04"), ("rocky", "9"), ("almalinux", "9")} or (
        host.system_info.distribution == "fedora" and int(host.system_info.release) >= 40
    )


def test_cgroup_v2():
    assert host.file("/sys/fs/cgroup/cgroup.controllers").exists


def test_time_sync():
    out = host.run("timedatectl show --property=NTPSynchronized --value")
    assert out.rc == 0 and out.stdout.strip() == "yes" or host.file("/run/systemd/timesync/synchronized").exists


@pytest.mark.parametrize("name", list(SOFTWARE))
def test_software(name):
    command, pattern, minimum = SOFTWARE[name]
    out = host.run(command)
    assert out.rc == 0, f"{name} is not installed"
    version = tuple(int(p) for p in re.search(pattern, out.stdout + out.stderr).group(1).split("."))
    if minimum is not None:
        assert version >= minimum


@pytest.mark.parametrize("name", PACKAGES)
def test_package(name):
    assert host.package(name).is_installed


def test_user():
    user = host.user("senex")
    assert user.exists
    assert user.shell == "/bin/bash"
    assert user.home == "/home/senex"
    assert "wheel" in user.groups


@pytest.mark.parametrize("name", ["wheel", "senex"])
def test_group(name):
    assert host.group(name).exists


@pytest.mark.parametrize("path,mode", DIRECTORIES)
def test_directory(path, mode):
    d = host.file(path)
    assert d.is_directory
    assert d.user == "senex" and d.group == "senex"
    if mode is not None:
        assert d.mode == mode


@pytest.mark.parametrize("path", ["/etc/subuid", "/etc/subgid"])
def test_subordinate_ids(path):
    f = host.file(path)
    assert f.exists
    assert re.search(r"^senex:\d+:(\d+)$", f.content_string, re.M)


def test_linger():
    assert host.file("/var/lib/systemd/linger/senex").exists
