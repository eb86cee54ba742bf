"""A stand-in for ssh that runs the remote command on this machine (deploy.sh tests)."""

FAKE_SSH = """#!/bin/sh
# Stand-in for ssh: records the options deploy.sh passes, then runs the command here.
while [ $# -gt 0 ]; do
    case "$1" in
        -i) cp "$2" "$LOG/key"; shift 2 ;;
        -o) echo "$2" >> "$LOG/options"; shift 2 ;;
        -l) user="$2"; shift 2 ;;
        -p) shift 2 ;;
        -*) shift ;;
        *) break ;;
    esac
done
echo "${user:+$user@}$1" >> "$LOG/hosts"
shift
exec sh -c "$*"
"""
