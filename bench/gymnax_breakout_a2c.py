#!/usr/bin/env python3
"""A2C on gymnax's Breakout-MinAtar, jitted: the peer `bench --peers` times our Breakout A2C against.

`make bench-peers` installs JAX, gymnax and flax (bench/peers-requirements.txt) and runs
it; nothing else depends on it. The agent is the one `A2CTrainer` trains on Breakout
(A2CConfig.defaults(for: .breakout)), on gymnax's environment:

- gymnax `Breakout-MinAtar` (minimal actions: noop, left, right; 10x10x4 observations),
  N = 16 copies under `jax.vmap`, gymnax's auto-reset;
- the MinAtar torso of ours (ActorCriticArchitecture's `.conv`, Torso.minAtar): Conv
  16@3x3 VALID + ReLU -> 8x8x16 -> Dense 128 + ReLU, then linear policy (3 logits) and
  value heads (flax.linen; flax's default initialisers);
- T = 20 steps per rollout, actions sampled from softmax(logits);
- truncated episodes (gymnax's 1000-step limit) bootstrap from v of the true last
  observation (only on steps where some episode was truncated, as in bench/jax_a2c.py);
- lambda-returns with gamma = 0.99, lambda = 1; advantage held constant;
- f = grad of (1/M) sum [delta log pi(A|S) + b delta v(S) + c H(pi(.|S))], b = 0.5,
  c = 0.01 (ascent), global-norm clip 40, Adam alpha = 3e-3 (optax).

Differences in the work: ours has MinAtar's sticky actions (probability 0.1, one
uniform draw per step) and no time limit; gymnax has no sticky actions and truncates
at 1000 steps. Neither changes the network's work, which dominates.

Each iteration (acting with a `lax.scan` over T, environment, update) is one call
under `jit`, looped in Python (`--loop python`, the default): on XLA's CPU backend
(jaxlib 0.10.2) one `lax.scan` over the iterations (`--loop scan`) ran this
iteration 3.6-4.6x slower here (e.g. 635 ms against 176 ms for 10 iterations; an
unrolled inner scan did not finish compiling in 15 minutes), so the peer gets the
faster loop. The timing excludes compilation (warm-up calls first).
One CPU and one XLA thread, timed as bench/peer_protocol.py says.

Output: `key value unit` lines (or, with --serve, the peer protocol of bench/peer_protocol.py).
"""
import argparse

import peer_protocol  # before jax: one CPU, one XLA thread

import flax
import flax.linen as nn
import gymnax
import jax
import jax.numpy as jnp
import optax
from jax import lax

N, T = 16, 20
GAMMA, B, C, ALPHA, CLIP = 0.99, 0.5, 0.01, 3e-3, 40.0

ENV, ENV_PARAMS = gymnax.make("Breakout-MinAtar")
ACTIONS = ENV.num_actions
OPTIMIZER = optax.chain(optax.clip_by_global_norm(CLIP), optax.adam(ALPHA))


class ActorCritic(nn.Module):
    """Our MinAtar torso and linear heads: logits [B, A] and values [B] of observations [B, 10, 10, 4]."""

    @nn.compact
    def __call__(self, x):
        h = nn.relu(nn.Conv(16, (3, 3), padding="VALID")(x))
        h = nn.relu(nn.Dense(128)(h.reshape(h.shape[0], -1)))
        return nn.Dense(ACTIONS)(h), nn.Dense(1)(h)[:, 0]


NETWORK = ActorCritic()
reset = jax.vmap(ENV.reset, in_axes=(0, None))
step = jax.vmap(ENV.step, in_axes=(0, 0, 0, None))


def lambda_returns(rewards, terminated, truncated, values, trunc_values):
    """lambda = 1: g = r + gamma g', cut at terminations, bootstrapped at truncations."""
    def back(g, xs):
        r, term, trunc, v_last = xs
        g = jnp.where(term, r, jnp.where(trunc, r + GAMMA * v_last, r + GAMMA * g))
        return g, g
    _, g = lax.scan(back, values[T], (rewards, terminated, truncated, trunc_values), reverse=True)
    return g


def surrogate(params, obs, actions, rewards, terminated, truncated, trunc_values):
    logits, values = NETWORK.apply(params, obs.reshape((-1,) + obs.shape[2:]))
    logits, values = logits.reshape(T + 1, N, ACTIONS), values.reshape(T + 1, N)
    g = lambda_returns(rewards, terminated, truncated, lax.stop_gradient(values), trunc_values)
    delta = lax.stop_gradient(g - values[:T])
    log_pi = jax.nn.log_softmax(logits[:T])
    log_pi_a = jnp.take_along_axis(log_pi, actions[..., None], axis=-1)[..., 0]
    entropy = -jnp.sum(jnp.exp(log_pi) * log_pi, axis=-1)
    return jnp.mean(delta * log_pi_a + B * delta * values[:T] + C * entropy)


def iteration(carry, _):
    params, opt_state, obs, env_state, key = carry

    def act(carry, _):
        obs, env_state, key = carry
        key, k_act, k_env = jax.random.split(key, 3)
        logits, _ = NETWORK.apply(params, obs)
        action = jax.random.categorical(k_act, logits)
        obs2, env_state, reward, term, trunc, info = step(jax.random.split(k_env, N), env_state, action, ENV_PARAMS)
        v_last = lax.cond(jnp.any(trunc), lambda: NETWORK.apply(params, info["final_observation"])[1] * trunc,
                          lambda: jnp.zeros(N))
        return (obs2, env_state, key), (obs, action, reward, term, trunc, v_last)

    (obs, env_state, key), (observations, actions, rewards, term, trunc, v_last) = lax.scan(
        act, (obs, env_state, key), None, length=T)
    observations = jnp.concatenate([observations, obs[None]], axis=0)
    f = jax.grad(surrogate)(params, observations, actions, rewards, term, trunc, v_last)
    ascent = jax.tree_util.tree_map(lambda d: -d, f)  # optax minimises
    updates, opt_state = OPTIMIZER.update(ascent, opt_state, params)
    params = optax.apply_updates(params, updates)
    return (params, opt_state, obs, env_state, key), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    peer_protocol.add_arguments(parser, iterations=50, loop="python")
    args = parser.parse_args()
    key = jax.random.PRNGKey(0)
    k_param, k_env, key = jax.random.split(key, 3)
    obs, env_state = reset(jax.random.split(k_env, N), ENV_PARAMS)
    params = NETWORK.init(k_param, obs)
    carry = (params, OPTIMIZER.init(params), obs, env_state, key)
    call = peer_protocol.training_loop(iteration, carry, args.iterations, args.loop)
    peer_protocol.run(
        args,
        [f"bench/gymnax_breakout_a2c.py: A2C (A2CTrainer's, MinAtar conv torso) on gymnax Breakout-MinAtar, "
         f"jitted JAX {jax.__version__}, flax {flax.__version__}, optax {optax.__version__}, "
         f"{args.iterations} iterations of {N}x{T} per call ({args.loop} loop), compile excluded",
         peer_protocol.describe_threads()],
        args.iterations * N * T, call,
        ("gymnax.breakout.a2c.steps_per_s", "gymnax.breakout.a2c.wall_steps_per_s"))


if __name__ == "__main__":
    main()
