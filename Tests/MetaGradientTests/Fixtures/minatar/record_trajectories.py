"""Records long trajectories of MinAtar 1.0.15's own Python games for the Swift replay
test (`Tests/MetaGradientTests/Environments/MinAtar/MinAtarReferenceTrajectoryTests.swift`).

How to run it (outside the repository's build; MinAtar 1.0.15 from PyPI, with numpy):

    python3 -m venv /tmp/minatar-venv
    /tmp/minatar-venv/bin/pip install minatar==1.0.15
    /tmp/minatar-venv/bin/python record_trajectories.py [output folder, default: this file's folder]

It writes one file per game, `<game>.txt`, and is deterministic (every seed is fixed
below), so rerunning it rewrites the same bytes. It takes under a minute.

What it plays. Each record is ONE episode of the bare game (`minatar.environments.<game>.Env`,
difficulty ramping on, as MinAtar's `Environment` builds it) from `reset()` until it ends
or `max_steps` have been played. The actions come from a scripted policy that survives:
a game-specific heuristic (chase gold, track the ball, collect divers and surface, ...)
filtered by a look-ahead that plays deep copies of the game a few steps ahead and keeps
only the actions that stay alive longest; with probability `explore` a uniformly random
action among those is taken instead, and with probability 0.1 the previous action is
repeated if it is among them (as MinAtar's sticky actions would; Freeway repeats it
unconditionally). The recorded actions are the ones APPLIED,
so the Swift side replays the game itself with no sticky-action draws.

The game's random draws. The game's `random` (a numpy RandomState) is wrapped so that
every call is logged, in order, with its arguments and result, as elementary draws the
Swift games make one by one:
- `rand()` -> one `u` draw, its value (numpy's rand() is k / 2^53 for an integer k,
  written as `u` + k in hex); `rand(n)` -> n `u` draws.
- `randint(n)` -> one `i` draw over 0..<n, written `i<n>:<value>`;
  `randint(low, high)` -> one `i` draw over 0..<(high - low) of value - low;
  `randint(low, high, size)` -> `size` such draws.
The Swift games draw `rng.uniform()` or `rng.bernoulli(p)` (= uniform() < p) where
MinAtar calls `rand()`, and `rng.index(n)` where it calls `randint`.

A fixture file holds, per record, lines of `key value`:
- `record <name>`: the record's name; `seed`, `policy`: how it was played;
- `reaches <text>`: what the episode got to (difficulty ramps, crossings, ...), for people;
- `actions`: the applied MinAtar action codes (0-5 = n l u r d f), one digit per step;
- `rewards`: each step's reward, one base-36 digit per step;
- `terminal`: 1 if the last step ended the game (no earlier step does), else 0;
- `checks`: per step, the low 6 bits of the running observation hash (below) as one
  character of `0-9A-Za-z-_`, so a replay finds the first step that differs;
- `hash`: the running FNV-1a 64 hash after the last step, in hex: it chains over every
  observation after a step, written as `0`/`1` characters in (row, column, channel)
  order (numpy's C order of `state()`);
- `final`: `name=value` pairs of the game's scalar state after the last step, in
  MinAtar's names;
- `draws`: the draws, in order, space separated.
Records are separated by a blank line; lines starting with `#` are comments.
"""

import copy
import os
import random as pyrandom
import sys

import numpy as np

import minatar
from minatar.environments import asterix, breakout, freeway, seaquest, space_invaders

MINATAR_VERSION = "1.0.15"

N, L, U, R, D, F = range(6)
DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


class LoggedRandom:
    """A numpy RandomState whose every call is logged as elementary draws."""

    def __init__(self, seed):
        self.state = np.random.RandomState(seed)
        self.log = []

    def rand(self, *size):
        value = self.state.rand(*size)
        for v in np.atleast_1d(value):
            k = float(v) * 2.0**53
            assert k == int(k), "rand() is not k / 2^53"
            self.log.append("u%x" % int(k))
        return value

    def randint(self, low, high=None, size=None):
        value = self.state.randint(low, high, size)
        if high is None:
            low, high = 0, low
        for v in np.atleast_1d(value):
            self.log.append("i%d:%d" % (high - low, int(v) - low))
        return value

    def __deepcopy__(self, memo):
        # A look-ahead copy draws the same numbers but logs nothing into the record.
        twin = LoggedRandom.__new__(LoggedRandom)
        twin.state = copy.deepcopy(self.state, memo)
        twin.log = []
        return twin


def fnv_chain(h, state):
    """FNV-1a 64 of the observation's 0/1 text, continuing from h."""
    for byte in np.where(state.reshape(-1), 0x31, 0x30).tolist():
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


# MARK: - Look-ahead


def survival(env, first, rollout_policy, horizon, rollouts, rng):
    """The longest any of `rollouts` continuations survives after `first` (capped at
    `horizon` steps), and the reward of that continuation. Each copy of the game carries
    a copy of its RandomState, so the look-ahead sees the real coming spawns."""
    best = (-1, 0)
    for _ in range(rollouts):
        e = copy.deepcopy(env)
        reward, terminal = e.act(first)
        steps, total = 0, reward
        while not terminal and steps < horizon:
            reward, terminal = e.act(rollout_policy(e, rng))
            total += reward
            steps += 1
        best = max(best, (steps if not terminal else steps - horizon - 1, total))
        if steps >= horizon:
            break
    return best


def lookahead_policy(heuristic, actions, horizon, rollouts, explore, greedy=False, randomness=0.3):
    """The heuristic's action if the look-ahead finds it among the longest-surviving
    ones (with `greedy`, among those also the best-scoring), else one of those."""

    def policy(env, rng, last):
        scores = {a: survival(env, a, rollout(heuristic, actions, randomness), horizon, rollouts, rng)
                  for a in actions}
        top = max(s[0] for s in scores.values())
        safe = [a for a in actions if scores[a][0] == top]
        if rng.random() < 0.1 and last in safe:
            return last
        if rng.random() < explore:
            return rng.choice(safe)
        if greedy:
            best = max(scores[a][1] for a in safe)
            safe = [a for a in safe if scores[a][1] == best]
        preferred = heuristic(env, rng)
        return preferred if preferred in safe else rng.choice(safe)

    return policy


def rollout(heuristic, actions, randomness):
    def policy(env, rng):
        return rng.choice(actions) if rng.random() < randomness else heuristic(env, rng)

    return policy


# MARK: - Heuristics (read the Python game's state)


def toward(dx, dy, horizontal_first=True):
    moves = []
    if dx:
        moves.append(R if dx > 0 else L)
    if dy:
        moves.append(D if dy > 0 else U)
    if not horizontal_first:
        moves.reverse()
    return moves[0] if moves else N


def asterix_heuristic(env, rng):
    golds = [e for e in env.entities if e is not None and e[3]]
    if not golds:
        return N
    g = min(golds, key=lambda e: abs(e[0] - env.player_x) + abs(e[1] - env.player_y))
    return toward(g[0] - env.player_x, g[1] - env.player_y, horizontal_first=False)


def breakout_heuristic(env, rng):
    """Towards the ball's next column."""
    target = min(9, max(0, env.ball_x + [-1, 1, 1, -1][env.ball_dir]))
    return R if target > env.pos else L if target < env.pos else N


def space_invaders_heuristic(env, rng):
    columns = [c for c in range(10) if env.alien_map[:, c].any()]
    if not columns:
        return N
    target = min(columns, key=lambda c: (abs(c - env.pos), c))
    if target == env.pos or env.shot_timer > 0 and abs(target - env.pos) <= 1:
        return F if env.shot_timer == 0 else N
    return R if target > env.pos else L


def seaquest_heuristic(surface_at, surfaces=True):
    def heuristic(env, rng):
        # Surface when full, or when oxygen runs low with a diver to spend.
        need_air = env.oxygen <= env.sub_y * 2 + 25
        can_surface = env.diver_count != 0
        if surfaces and can_surface and (env.diver_count >= surface_at or need_air):
            return U
        if env.sub_y == 0:
            return D
        # Shoot an enemy ahead in the row.
        for x in env.e_fish + env.e_subs:
            if x[1] == env.sub_y and (x[0] > env.sub_x) == env.sub_or and env.shot_timer == 0:
                return F
        if env.divers and env.diver_count < 6:
            d = min(env.divers, key=lambda d: abs(d[0] - env.sub_x) + abs(d[1] - env.sub_y))
            return toward(d[0] - env.sub_x, d[1] - env.sub_y)
        return rng.choice([L, R, U, D, N])

    return heuristic


def scripted(actions):
    """Plays `actions` in order, then no-ops."""

    played = []

    def policy(env, rng, last):
        played.append(None)
        return actions[len(played) - 1] if len(played) <= len(actions) else N

    return policy


def freeway_policy(up_probability):
    def policy(env, rng, last):
        if rng.random() < 0.1:
            return last
        return U if rng.random() < up_probability else rng.choice([N, D])

    return policy


# MARK: - Milestones (what a record reaches, for people)


def milestones(game, env, before, action, reward, terminal, m):
    if game == "asterix":
        m["gold"] = m.get("gold", 0) + reward
        m["reaches"] = "spawn interval %d, move interval %d, ramp index %d, %d gold" % (
            env.spawn_speed, env.move_speed, env.ramp_index, m["gold"])
    elif game == "seaquest":
        if before["sub_y"] > 0 and env.sub_y == 0 and not terminal or (before["sub_y"] > 0 and env.sub_y == 0 and before["diver_count"] != 0):
            key = "surface6" if before["diver_count"] == 6 else "surface_fewer"
            m[key] = m.get(key, 0) + 1
        if env.diver_count > before["diver_count"]:
            m["pickups"] = m.get("pickups", 0) + env.diver_count - before["diver_count"]
        if terminal:
            if before["oxygen"] <= 0:
                m["end"] = "oxygen ran out"
            elif env.sub_y == 0 and before["sub_y"] > 0 and before["diver_count"] == 0:
                m["end"] = "surfaced with no diver"
            else:
                m["end"] = "hit"
        m["reaches"] = ("enemy spawn interval %d, move interval %d, ramp index %d, %d diver pickups, "
                        "%d surfacings with 6 divers, %d with fewer%s") % (
            env.e_spawn_speed, env.move_speed, env.ramp_index, m.get("pickups", 0), m.get("surface6", 0),
            m.get("surface_fewer", 0), ", ended: " + m["end"] if "end" in m else "")
    elif game == "freeway":
        m["crossings"] = m.get("crossings", 0) + reward
        stepped_down = action == D and before["pos"] == 8 and before["move_timer"] == 0
        if env.pos == 9 and before["pos"] < 9 and reward == 0 and not stepped_down:
            m["hits"] = m.get("hits", 0) + 1
        m["reaches"] = "%d crossings (car speeds re-randomised each time), %d hits" % (m["crossings"], m.get("hits", 0))
    elif game == "breakout":
        bricks = int(np.count_nonzero(env.brick_map))
        if bricks > before["bricks"]:
            m["walls"] = m.get("walls", 0) + 1
        m["broken"] = m.get("broken", 0) + reward
        m["reaches"] = "%d bricks broken, %d brick-wall resets" % (m["broken"], m.get("walls", 0))
    elif game == "space_invaders":
        m["kills"] = m.get("kills", 0) + reward
        if terminal:
            landed = before["lowest_alien_row"] >= 8
            m["end"] = ", ended: the aliens came down" if landed else ", ended: shot"
        m["reaches"] = "%d aliens shot, %d waves cleared, alien move interval %d%s" % (
            m["kills"], env.ramp_index, env.enemy_move_interval, m.get("end", ""))


def snapshot(game, env):
    if game == "seaquest":
        return {"sub_y": env.sub_y, "diver_count": env.diver_count, "oxygen": env.oxygen}
    if game == "freeway":
        return {"pos": env.pos, "move_timer": env.move_timer}
    if game == "breakout":
        return {"bricks": int(np.count_nonzero(env.brick_map))}
    if game == "space_invaders":
        return {"lowest_alien_row": int(np.nonzero(env.alien_map.any(axis=1))[0].max())}
    return {}


FINAL_FIELDS = {
    "asterix": ["player_x", "player_y", "spawn_speed", "spawn_timer", "move_speed", "move_timer", "ramp_timer",
                "ramp_index"],
    "seaquest": ["sub_x", "sub_y", "oxygen", "diver_count", "e_spawn_speed", "e_spawn_timer", "d_spawn_timer",
                 "move_speed", "ramp_index", "shot_timer"],
    "breakout": ["pos", "ball_x", "ball_y", "ball_dir"],
    "freeway": ["pos", "move_timer", "terminate_timer"],
    "space_invaders": ["pos", "enemy_move_interval", "alien_move_timer", "alien_shot_timer", "ramp_index",
                       "shot_timer"],
}

MODULES = {"asterix": asterix, "breakout": breakout, "freeway": freeway, "seaquest": seaquest,
           "space_invaders": space_invaders}


def play(game, name, seed, policy, description, max_steps):
    env = MODULES[game].Env(ramping=True)
    env.random = LoggedRandom(seed)
    env.reset()
    rng = pyrandom.Random(seed)
    actions, rewards, checks = [], [], []
    h = 0xCBF29CE484222325
    last, terminal, m = N, False, {}
    while not terminal and len(actions) < max_steps:
        a = last = policy(env, rng, last)
        before = snapshot(game, env)
        reward, terminal = env.act(a)
        milestones(game, env, before, a, reward, terminal, m)
        actions.append(str(a))
        rewards.append(DIGITS36[int(reward)])
        h = fnv_chain(h, env.state())
        checks.append(CHECK_ALPHABET[h & 63])
    final = " ".join("%s=%d" % (f, int(getattr(env, f))) for f in FINAL_FIELDS[game])
    if game == "breakout":
        final += " bricks=%d" % int(np.count_nonzero(env.brick_map))
    lines = [
        "record " + name,
        "seed %d" % seed,
        "policy " + description,
        "reaches %d steps: %s" % (len(actions), m.get("reaches", "")),
        "actions " + "".join(actions),
        "rewards " + "".join(rewards),
        "terminal %d" % int(terminal),
        "checks " + "".join(checks),
        "hash %016x" % h,
        "final " + final,
        "draws " + " ".join(env.random.log),
    ]
    print("%s %s: %s" % (game, name, lines[3]), file=sys.stderr)
    return "\n".join(lines) + "\n"


def seaquest_policy(surface_at, explore, surfaces=True):
    return lookahead_policy(seaquest_heuristic(surface_at, surfaces), [N, L, U, R, D, F], horizon=10,
                            rollouts=4, explore=explore)


RECORDS = {
    "asterix": [
        ("long-ramped", 1, lookahead_policy(asterix_heuristic, [N, L, U, R, D], 10, 6, 0.2),
         "look-ahead 10 steps x 6 rollouts over chase-the-gold, 20% random", 2000),
        ("long-random", 2, lookahead_policy(asterix_heuristic, [N, L, U, R, D], 8, 4, 0.6),
         "look-ahead 8 steps x 4 rollouts over chase-the-gold, 60% random", 1500),
        ("short", 3, lookahead_policy(asterix_heuristic, [N, L, U, R, D], 2, 1, 0.5),
         "look-ahead 2 steps x 1 rollout over chase-the-gold, 50% random", 1000),
    ],
    "seaquest": [
        ("surface-at-6", 11, seaquest_policy(6, 0.1),
         "collect 6 divers then surface (earlier when oxygen is low), shoot enemies ahead; look-ahead 10x4, 10% random",
         3000),
        ("surface-early", 12, seaquest_policy(1, 0.2),
         "surface as soon as a diver is on board; look-ahead 10x4, 20% random", 3000),
        ("surface-empty", 14, scripted([R, D, D, D, F, N, L, F, U, U, U, N]),
         "scripted: dive three rows, shoot, come back up with no diver", 100),
        ("oxygen-out", 13, seaquest_policy(6, 0.3, surfaces=False),
         "surface only when the look-ahead's random moves do (oxygen runs out); look-ahead 10x4, 30% random", 3000),
    ],
    "breakout": [
        ("tracking", 21, lookahead_policy(breakout_heuristic, [N, L, R], 30, 1, 0.3, randomness=0),
         "track the ball's next column; look-ahead 30 steps of tracking; 30% random", 3000),
        ("late-miss", 23, lookahead_policy(breakout_heuristic, [N, L, R], 4, 1, 0.5, randomness=0),
         "track the ball's next column; look-ahead 4 steps of tracking; 50% random", 3000),
        ("tracking-loose", 24, lookahead_policy(breakout_heuristic, [N, L, R], 30, 1, 0.7, randomness=0),
         "track the ball's next column; look-ahead 30 steps of tracking; 70% random", 3000),
    ],
    "freeway": [
        ("always-up", 31, freeway_policy(1.0), "always up (then sticky repeats)", 3000),
        ("mostly-up", 32, freeway_policy(0.7), "up with probability 0.7, else no-op or down", 3000),
    ],
    "space_invaders": [
        ("waves", 41, lookahead_policy(space_invaders_heuristic, [N, L, R, F], 12, 8, 0.1, greedy=True,
                                       randomness=0.5),
         "go under the nearest alien column and fire; look-ahead 12x8 for survival, then reward; 10% random",
         3000),
        ("no-fire", 43, lookahead_policy(lambda env, rng: rng.choice([N, L, R]), [N, L, R], 8, 3, 0.5),
         "never fire, dodge with look-ahead 8x3: the aliens come down", 3000),
        ("waves-random", 42, lookahead_policy(space_invaders_heuristic, [N, L, R, F], 10, 4, 0.3, greedy=True),
         "go under the nearest alien column and fire; look-ahead 10x4 for survival, then reward; 30% random",
         3000),
    ],
}


def main():
    from importlib.metadata import version
    assert version("minatar") == MINATAR_VERSION, "needs MinAtar " + MINATAR_VERSION
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    only = sys.argv[2].split(",") if len(sys.argv) > 2 else list(RECORDS)
    for game in only:
        text = ["# MinAtar %s %s records, written by record_trajectories.py (see its top for the format).\n"
                % (MINATAR_VERSION, game)]
        for name, seed, policy, description, max_steps in RECORDS[game]:
            text.append("\n" + play(game, name, seed, policy, description, max_steps))
        with open(os.path.join(out, game + ".txt"), "w") as f:
            f.write("".join(text))


if __name__ == "__main__":
    main()
