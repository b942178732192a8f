#!/usr/bin/env python3
"""The benchmark's CartPole agents in JAX, jitted: the peer `bench --peers` times ours against.

`make bench-peers` installs JAX (bench/peers-requirements.txt) and runs it; nothing else
depends on it. `--agent a2c` (the default) is exactly the agent `A2CTrainer` trains on
CartPole (A2CConfig.defaults(for: .cartpole)); `--agent meta` is the meta-gradient
agent `MetaGradientAgent` with learned γ and λ on the same config
(MetaConfig(learnGamma: true, learnLambda: true), first order).

A2C, what both agents' inner update is:

- CartPole-v1 dynamics (gymnasium's Euler step, ±12° / ±2.4 m termination, 500-step
  truncation, same-step auto-reset with U(-0.05, 0.05) starts), N = 16 copies;
- MLP 64x64 tanh torso, linear policy and value heads, truncated-normal init
  (sigma = 1/sqrt(fan_in), biases 0);
- T = 20 steps per rollout, actions sampled from softmax(logits);
- truncated episodes bootstrap from v(S+) of the true last state (computed while
  acting, only on steps where some episode was truncated, as the Swift trainer does);
- lambda-returns g with eta = (gamma, lambda) = (0.99, 1); advantage held constant;
- f = grad of (1/M) sum [delta log pi(A|S) + b delta v(S) + c H(pi(.|S))], b = 0.5,
  c = 0.01 (ascent), global-norm clip 40 (factor s = min(1, 40/|f|));
- TF1-style RMSProp (rho = 0.99, eps = 0.1 inside the root, ms0 = 1), alpha = 3e-3.

The meta agent, one iteration after acting tau' with theta' (MetaGradientAgent.iterate):

1. one forward pass of theta' over tau' ((T+1)·N states; `jax.vjp`, shared by 2 and 4);
2. u = dJ/dtheta' of the meta-objective J = (1/M) sum const(g_bar - v) log pi(A|S) on
   tau' at theta', g_bar the lambda-return with eta_bar = (0.995, 1): one backward pass;
3. the first-order meta-gradient through the previous inner update (which took theta to
   theta' on tau): dJ/deta = u . s D df(tau, theta, eta)/deta, with D = alpha/sqrt(ms + eps)
   RMSProp's step derivative (its state held fixed) and s the clip factor, both of that
   update, computed as ours does it (FirstOrderMetaGradient): one JVP of the network
   over tau's T·N states at theta along w = s D u (`jax.jvp`, primal and tangent),
   dJ/deta_k = (1/M) sum dg_t/deta_k [d_w log pi(A_t|S_t) + b d_w v(S_t)], with dg/deta
   kept from that update;
4. eta = sigmoid(x), x <- x + Adam_beta(dJ/deta · sigmoid'(x)) (optax.adam, beta = 1e-3),
   from gamma0 = 0.99, lambda0 = 0.9;
5. the inner A2C update on tau' at theta' with the new eta: f from one backward pass over
   the forward pass of 1, dg/deta by forward mode through the lambda-returns
   (`jax.jacfwd`, elementwise), clip, RMSProp; keep theta', tau', dg/deta, D and s for 3.

Ours does the same work, except that it reuses the acting passes' activations for the
forward pass of 1 (here acting and step 1 are separate passes, as in `--agent a2c`) and
keeps tau's activations for 3 (here the JVP recomputes the primal pass). The first
iteration's meta-gradient is zero here (nothing to differentiate through yet); ours
skips it. Both happen once, in the warm-up.

Differences that do not change the work: the environment state is float32 here
(float64 in Swift), and the random numbers come from JAX's PRNG.

The whole training loop (acting, environment, update) is one `lax.scan` under `jit`
(`--loop scan`, the default: 1.2-1.8x faster here than a Python loop over the jitted
iteration, `--loop python`); the timing excludes compilation (warm-up calls first).
One CPU and one XLA thread, timed as bench/peer_protocol.py says.

Output: `key value unit` lines, as the Swift benchmark's (or, with --serve, the peer
protocol of bench/peer_protocol.py).
"""
import argparse

import peer_protocol  # before jax: one CPU, one XLA thread

import jax
import jax.numpy as jnp
import optax
from jax import lax

N, T = 16, 20
OBS, ACTIONS, HIDDEN = 4, 2, 64
GAMMA, LAMBDA, B, C = 0.99, 1.0, 0.5, 0.01
ALPHA, RHO, EPS, CLIP = 3e-3, 0.99, 0.1, 40.0
# The meta agent (MetaConfig's defaults): eta0, eta_bar, beta.
GAMMA0, LAMBDA0, GAMMA_BAR, LAMBDA_BAR, BETA = 0.99, 0.9, 0.995, 1.0, 1e-3

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


def lambda_returns(rewards, terminated, truncated, values, trunc_values, gamma, lam):
    def back(g, xs):
        r, term, trunc, v_next, v_last = xs
        cont = r + gamma * ((1 - lam) * v_next + lam * g)
        g = jnp.where(term, r, jnp.where(trunc, r + gamma * v_last, cont))
        return g, g
    _, g = lax.scan(back, values[T], (rewards, terminated, truncated, values[1:], trunc_values),
                    reverse=True)
    return g


def log_policy(logits, actions):
    """(log pi(.|S), log pi(A|S)) for logits [..., ACTIONS] and actions [...]."""
    log_pi = jax.nn.log_softmax(logits)
    return log_pi, jnp.take_along_axis(log_pi, actions[..., None], axis=-1)[..., 0]


def a2c_objective(logits, values, actions, g):
    """(1/M) sum [delta log pi(A|S) + b delta v(S) + c H]; f is its gradient. logits [T+1, N, A]."""
    delta = lax.stop_gradient(g - values[:T])
    log_pi, log_pi_a = log_policy(logits[:T], actions)
    entropy = -jnp.sum(jnp.exp(log_pi) * log_pi, axis=-1)
    return jnp.mean(delta * log_pi_a + B * delta * values[:T] + C * entropy)


def surrogate(params, obs, actions, rewards, terminated, truncated, trunc_values):
    logits, values = network(params, obs.reshape(-1, OBS))
    logits, values = logits.reshape(T + 1, N, ACTIONS), values.reshape(T + 1, N)
    g = lambda_returns(rewards, terminated, truncated, lax.stop_gradient(values), trunc_values, GAMMA, LAMBDA)
    return a2c_objective(logits, values, actions, g)


def rollout(params, state, steps, key):
    """T steps of N environments acting with params: tau = (S_0..S_T, A, R, ends, v(S+))."""
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
    return (state, steps, key), (obs, actions, rewards, term, trunc, v_last)


def rmsprop(params, ms, f):
    """Clip f to global norm CLIP, then TF1 RMSProp ascent: (params, ms, s)."""
    leaves, _ = jax.tree_util.tree_flatten(f)
    norm = jnp.sqrt(sum(jnp.sum(x * x) for x in leaves))
    scale = jnp.minimum(1.0, CLIP / norm)
    ms = jax.tree_util.tree_map(lambda m, d: RHO * m + (1 - RHO) * (d * scale) ** 2, ms, f)
    params = jax.tree_util.tree_map(lambda p, d, m: p + ALPHA * d * scale / jnp.sqrt(m + EPS),
                                    params, f, ms)
    return params, ms, scale


def a2c_iteration(carry, _):
    params, ms, state, steps, key = carry
    (state, steps, key), tau = rollout(params, state, steps, key)
    f = jax.grad(surrogate)(params, *tau)
    params, ms, _ = rmsprop(params, ms, f)
    return (params, ms, state, steps, key), None


META_OPTIMIZER = optax.adam(BETA)


def meta_iteration(carry, _):
    params, ms, state, steps, key, x_eta, meta_state, previous = carry
    (state, steps, key), (obs, actions, rewards, term, trunc, v_last) = rollout(params, state, steps, key)
    # 1. One forward pass of theta' over tau'.
    (logits, values), pullback = jax.vjp(lambda p: network(p, obs.reshape(-1, OBS)), params)
    logits, values = logits.reshape(T + 1, N, ACTIONS), values.reshape(T + 1, N)
    fixed_values = lax.stop_gradient(values)

    def backward(objective):
        d_logits, d_values = jax.grad(objective, argnums=(0, 1))(logits, values)
        return pullback((d_logits.reshape(-1, ACTIONS), d_values.reshape(-1)))[0]

    # 2. u = dJ/dtheta' on tau'.
    def meta_objective(logits, values):
        g_bar = lambda_returns(rewards, term, trunc, fixed_values, v_last, GAMMA_BAR, LAMBDA_BAR)
        advantage = lax.stop_gradient(g_bar - values[:T])
        return jnp.mean(advantage * log_policy(logits[:T], actions)[1])
    u = backward(meta_objective)

    # 3. dJ/deta = u . s D df/deta of the previous update: one JVP over tau at theta along s D u.
    theta, tau_obs, tau_actions, tau_dg, d, s = previous
    w = jax.tree_util.tree_map(lambda u, d: s * d * u, u, d)
    (tau_logits, _), (dot_logits, dot_values) = jax.jvp(
        lambda p: network(p, tau_obs.reshape(-1, OBS)), (theta,), (w,))
    pi = jax.nn.softmax(tau_logits)
    dot_log_pi_a = (jnp.take_along_axis(dot_logits, tau_actions.reshape(-1, 1), axis=-1)[:, 0]
                    - jnp.sum(pi * dot_logits, axis=-1))
    direction = (dot_log_pi_a + B * dot_values).reshape(T, N)
    meta_gradient = jnp.mean(tau_dg * direction[..., None], axis=(0, 1))

    # 4. Adam ascent on the logits of eta.
    sigma = jax.nn.sigmoid(x_eta)
    step, meta_state = META_OPTIMIZER.update(-meta_gradient * sigma * (1 - sigma), meta_state)
    x_eta = optax.apply_updates(x_eta, step)
    eta = jax.nn.sigmoid(x_eta)

    # 5. The inner update on tau' at theta' with the new eta, and dg/deta for the next 3.
    def returns(eta):
        g = lambda_returns(rewards, term, trunc, fixed_values, v_last, eta[0], eta[1])
        return g, g
    dg, g = jax.jacfwd(returns, has_aux=True)(eta)
    f = backward(lambda logits, values: a2c_objective(logits, values, actions, g))
    new_params, ms, scale = rmsprop(params, ms, f)
    d = jax.tree_util.tree_map(lambda m: ALPHA / jnp.sqrt(m + EPS), ms)
    previous = (params, obs[:T], actions, dg, d, scale)
    return (new_params, ms, state, steps, key, x_eta, meta_state, previous), None


def initial_carry(agent):
    key = jax.random.PRNGKey(0)
    k_param, k_env, key = jax.random.split(key, 3)
    params = init_params(k_param)
    ms = jax.tree_util.tree_map(jnp.ones_like, params)
    state, steps = env_reset(k_env)
    if agent == "a2c":
        return (params, ms, state, steps, key)
    x_eta = jnp.log(jnp.array([GAMMA0, LAMBDA0]) / (1 - jnp.array([GAMMA0, LAMBDA0])))
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    previous = (jax.tree_util.tree_map(jnp.copy, params), jnp.zeros((T, N, OBS)), jnp.zeros((T, N), jnp.int32), jnp.zeros((T, N, 2)), zeros,
                jnp.zeros(()))
    return (params, ms, state, steps, key, x_eta, META_OPTIMIZER.init(x_eta), previous)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agent", choices=["a2c", "meta"], default="a2c",
                        help="a2c (A2CTrainer) or meta (MetaGradientAgent, learned gamma and lambda)")
    peer_protocol.add_arguments(parser, iterations=500, loop="scan")
    args = parser.parse_args()
    body = a2c_iteration if args.agent == "a2c" else meta_iteration
    call = peer_protocol.training_loop(body, initial_carry(args.agent), args.iterations, args.loop)
    what = ("A2C (A2CTrainer's)" if args.agent == "a2c"
            else "meta-gradient agent, learned gamma and lambda, first order (MetaGradientAgent's)")
    peer_protocol.run(
        args,
        [f"bench/jax_a2c.py --agent {args.agent}: {what} on CartPole, jitted JAX {jax.__version__} "
         f"on {jax.devices()[0].platform}, {args.iterations} iterations of {N}x{T} per call ({args.loop} loop), "
         f"compile excluded",
         peer_protocol.describe_threads()],
        args.iterations * N * T, call,
        (f"jax.cartpole.{args.agent}.steps_per_s", f"jax.cartpole.{args.agent}.wall_steps_per_s"))


if __name__ == "__main__":
    main()
