#!/usr/bin/env python3
"""The benchmark's A2C agent in JAX, jitted, for a measured speed comparison.

Optional: `make bench` runs it only when `python3 -c 'import jax'` succeeds, and nothing
else depends on it. It implements exactly the agent `A2CTrainer` trains on CartPole
(A2CConfig.defaults(for: .cartpole)):

- CartPole-v1 dynamics (gymnasium's Euler step, ±12° / ±2.4 m termination, 500-step
  truncation, same-step auto-reset with U(-0.05, 0.05) starts), N = 16 copies;
- MLP 64x64 tanh torso, linear policy and value heads, truncated-normal init
  (sigma = 1/sqrt(fan_in), biases 0);
- T = 20 steps per rollout, actions sampled from softmax(logits);
- truncated episodes bootstrap from v(S+) of the true last state (computed while
  acting, only on steps where some episode was truncated, as the Swift trainer does);
- lambda-returns with gamma = 0.99, lambda = 1; advantage held constant;
- f = grad of (1/M) sum [delta log pi(A|S) + b delta v(S) + c H(pi(.|S))], b = 0.5,
  c = 0.01 (ascent), global-norm clip 40;
- TF1-style RMSProp (rho = 0.99, eps = 0.1 inside the root, ms0 = 1), alpha = 3e-3.

Differences that do not change the work: the environment state is float32 here
(float64 in Swift), and the random numbers come from JAX's PRNG.

The whole training loop (acting, environment, update) is one `lax.scan` under `jit`;
the timing excludes compilation and is the best of several repetitions. XLA is pinned
to one thread (as the Swift benchmark pins OpenBLAS), and the reported figure uses the
process's CPU time, like the Swift benchmark's default clock (the machine may be
shared); the wall-clock figure is printed too.

Output: `key value unit` lines, as the Swift benchmark's.
"""
import argparse
import os
import time

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import jax
import jax.numpy as jnp
from jax import lax

N, T = 16, 20
OBS, ACTIONS, HIDDEN = 4, 2, 64
GAMMA, LAMBDA, B, C = 0.99, 1.0, 0.5, 0.01
ALPHA, RHO, EPS, CLIP = 3e-3, 0.99, 0.1, 40.0

# CartPole-v1 (gymnasium classic_control/cartpole.py).
G, MC, MP, L, F, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
MT, PML = MC + MP, MP * L
THETA_MAX, X_MAX, MAX_STEPS = 12 * 2 * 3.141592653589793 / 360, 2.4, 500


def env_reset(key):
    return jax.random.uniform(key, (N, 4), minval=-0.05, maxval=0.05), jnp.zeros(N, jnp.int32)


def env_step(state, steps, action, key):
    x, x_dot, theta, theta_dot = state.T
    force = jnp.where(action == 1, F, -F)
    cos, sin = jnp.cos(theta), jnp.sin(theta)
    temp = (force + PML * theta_dot**2 * sin) / MT
    theta_acc = (G * sin - cos * temp) / (L * (4.0 / 3.0 - MP * cos**2 / MT))
    x_acc = temp - PML * theta_acc * cos / MT
    new = jnp.stack([x + TAU * x_dot, x_dot + TAU * x_acc, theta + TAU * theta_dot,
                     theta_dot + TAU * theta_acc], axis=1)
    steps = steps + 1
    terminated = (jnp.abs(new[:, 0]) > X_MAX) | (jnp.abs(new[:, 2]) > THETA_MAX)
    truncated = ~terminated & (steps >= MAX_STEPS)
    done = terminated | truncated
    fresh, _ = env_reset(key)
    state = jnp.where(done[:, None], fresh, new)
    steps = jnp.where(done, 0, steps)
    return state, steps, new, jnp.ones(N), terminated, truncated


def init_params(key):
    def dense(key, fan_in, fan_out):
        w = jax.random.truncated_normal(key, -2.0, 2.0, (fan_in, fan_out)) / jnp.sqrt(fan_in)
        return w, jnp.zeros(fan_out)
    k = jax.random.split(key, 4)
    return [dense(k[0], OBS, HIDDEN), dense(k[1], HIDDEN, HIDDEN), dense(k[2], HIDDEN, ACTIONS),
            dense(k[3], HIDDEN, 1)]


def network(params, obs):
    (w1, b1), (w2, b2), (wp, bp), (wv, bv) = params
    h = jnp.tanh(obs @ w1 + b1)
    h = jnp.tanh(h @ w2 + b2)
    return h @ wp + bp, (h @ wv + bv)[:, 0]


def lambda_returns(rewards, terminated, truncated, values, trunc_values):
    def back(g, xs):
        r, term, trunc, v_next, v_last = xs
        cont = r + GAMMA * ((1 - LAMBDA) * v_next + LAMBDA * g)
        g = jnp.where(term, r, jnp.where(trunc, r + GAMMA * v_last, cont))
        return g, g
    _, g = lax.scan(back, values[T], (rewards, terminated, truncated, values[1:], trunc_values),
                    reverse=True)
    return g


def surrogate(params, obs, actions, rewards, terminated, truncated, trunc_values):
    logits, values = network(params, obs.reshape(-1, OBS))
    logits, values = logits.reshape(T + 1, N, ACTIONS)[:T], values.reshape(T + 1, N)
    g = lambda_returns(rewards, terminated, truncated, lax.stop_gradient(values), trunc_values)
    delta = lax.stop_gradient(g - values[:T])
    log_pi = jax.nn.log_softmax(logits)
    log_pi_a = jnp.take_along_axis(log_pi, actions[..., None], axis=-1)[..., 0]
    entropy = -jnp.sum(jnp.exp(log_pi) * log_pi, axis=-1)
    return jnp.mean(delta * log_pi_a + B * delta * values[:T] + C * entropy)


def iteration(carry, _):
    params, ms, state, steps, key = carry

    def act(carry, _):
        state, steps, key = carry
        key, k_act, k_env = jax.random.split(key, 3)
        logits, _ = network(params, state)
        action = jax.random.categorical(k_act, logits)
        state2, steps, final, reward, term, trunc = env_step(state, steps, action, k_env)
        v_last = lax.cond(jnp.any(trunc), lambda: network(params, final)[1] * trunc,
                          lambda: jnp.zeros(N))
        return (state2, steps, key), (state, action, reward, term, trunc, v_last)

    (state, steps, key), (obs, actions, rewards, term, trunc, v_last) = lax.scan(
        act, (state, steps, key), None, length=T)
    obs = jnp.concatenate([obs, state[None]], axis=0)
    f = jax.grad(surrogate)(params, obs, actions, rewards, term, trunc, v_last)
    leaves, tree = jax.tree_util.tree_flatten(f)
    norm = jnp.sqrt(sum(jnp.sum(x * x) for x in leaves))
    scale = jnp.minimum(1.0, CLIP / norm)
    ms = jax.tree_util.tree_map(lambda m, d: RHO * m + (1 - RHO) * (d * scale) ** 2, ms, f)
    params = jax.tree_util.tree_map(lambda p, d, m: p + ALPHA * d * scale / jnp.sqrt(m + EPS),
                                    params, f, ms)
    return (params, ms, state, steps, key), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    iterations, repeats = (100, 3) if args.quick else (500, 5)

    @jax.jit
    def train(carry):
        return lax.scan(iteration, carry, None, length=iterations)[0]

    key = jax.random.PRNGKey(0)
    k_param, k_env, key = jax.random.split(key, 3)
    params = init_params(k_param)
    ms = jax.tree_util.tree_map(jnp.ones_like, params)
    state, steps = env_reset(k_env)
    carry = (params, ms, state, steps, key)
    carry = jax.block_until_ready(train(carry))  # compile + warm up
    best_cpu = best_wall = float("inf")
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        carry = jax.block_until_ready(train(carry))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    steps = iterations * N * T
    print(f"# jax {jax.__version__} on {jax.devices()[0].platform} (XLA_FLAGS={os.environ['XLA_FLAGS']}), "
          f"{iterations} iterations of {N}x{T} per timing, best of {repeats}")
    print(f"jax.cartpole.a2c.steps_per_s {steps / best_cpu:.0f} steps/s")
    print(f"jax.cartpole.a2c.wall_steps_per_s {steps / best_wall:.0f} steps/s")


if __name__ == "__main__":
    main()
