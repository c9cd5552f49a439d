#!/usr/bin/env python3
"""Times keys on the real reader, as a person sees them, in tmux at 140x40.

Usage: press_keys.py BINARY DATA_DIR FOLDER KEYS WANT [STORIES]

Starts BINARY on FOLDER with its data in DATA_DIR (index it first with `BINARY list FOLDER`, so no scan
runs meanwhile), waits for the list ("STORIES stories", default 200), sends KEYS at once, and prints how
long the first frame took, how long until WANT (for example " 6/200 ") shows in the status bar, and how
long until the story under the selection is shown (no "Loading" line).
"""
import subprocess, sys, time


def main():
    binary, data, folder, keys, want = sys.argv[1:6]
    stories = sys.argv[6] if len(sys.argv) > 6 else "200"
    session = "press_keys"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "40", "--",
                    "env", f"BROADSHEET_DATA_DIR={data}", binary, folder], check=True)

    def screen():
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                              capture_output=True, text=True).stdout

    while f"{stories} stories" not in screen():
        time.sleep(0.002)
    first = time.perf_counter() - start
    sent = time.perf_counter()
    subprocess.run(["tmux", "send-keys", "-t", session, "-l", keys])
    while want not in screen():
        time.sleep(0.002)
    moved = time.perf_counter() - sent
    while "Loading" in screen():
        time.sleep(0.002)
    shown = time.perf_counter() - sent
    subprocess.run(["tmux", "send-keys", "-t", session, "q"])
    time.sleep(0.3)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    print(f"first frame {first:.3f} s; selection moved {moved:.3f} s; story shown {shown:.3f} s")


if __name__ == "__main__":
    main()
