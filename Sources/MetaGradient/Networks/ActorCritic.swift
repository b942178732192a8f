/// An actor-critic network π_θ(·|s), v_θ(s): a torso (``Torso``) shared by a linear
/// policy head (logits over A actions) and a linear value head, evaluated on flat
/// parameters θ (layout: ``ActorCriticArchitecture/layout``).
///
/// The network owns no parameters: θ is passed to ``forward(parameters:observations:extra:batch:)``
/// and, unchanged, to ``backward(parameters:dLogits:dValues:batch:gradient:dExtra:)``.
/// It owns a workspace, allocated once for `maxBatch` states, where the forward pass
/// caches every activation; backward reuses them. Nothing is allocated per call.
///
/// `backward` is a vector-Jacobian product: given output cotangents ū (per logit) and
/// w̄ (per value) it accumulates
///
///     ∇θ [ Σ_b Σ_a ū[b,a] · logits[b,a] + Σ_b w̄[b] · v[b] ]
///
/// into a gradient buffer. Every loss and surrogate in the library is expressed as
/// cotangents on (logits, values), so this is the one reverse pass there is.
///
/// Generic over ``Real``: `Float` trains, `Double` checks (finite differences,
/// golden files), and a dual-number scalar can push tangents through the same code.
public final class ActorCritic<Scalar: Real> {
  /// The network's shape.
  public let architecture: ActorCriticArchitecture
  /// θ's layout.
  public let layout: ParameterLayout
  /// The largest batch ``forward(parameters:observations:extra:batch:)`` accepts.
  public let maxBatch: Int

  /// P, the number of parameters.
  public var parameterCount: Int { layout.count }

  /// One dense step y = act(x W + b), applied to `rowsPerSample` rows per state.
  @usableFromInline struct DenseStep {
    @usableFromInline var weight: Int, bias: Int  // offsets in θ
    @usableFromInline var inputs: Int, outputs: Int
    @usableFromInline var rowsPerSample: Int
    @usableFromInline var relu: Bool  // tanh otherwise
    @usableFromInline var input: Int, inputStride: Int  // offsets in `work`
    @usableFromInline var output: Int, outputStride: Int
  }

  @usableFromInline let steps: [DenseStep]
  @usableFromInline let work: UnsafeMutablePointer<Scalar>
  @usableFromInline let workCount: Int
  // Offsets into `work`.
  @usableFromInline let inputOffset: Int  // observation copy (MLP) or im2col columns (conv)
  @usableFromInline let headOffset: Int  // x = [features; extra], [maxBatch, F]
  @usableFromInline let logitsOffset: Int, valuesOffset: Int
  @usableFromInline let scratchA: Int, scratchB: Int
  // Block offsets in θ.
  @usableFromInline let wPi: Int, bPi: Int, wV: Int, bV: Int
  @usableFromInline let featureCount: Int, headInputCount: Int
  /// Rows held by the cached forward pass: the last pass's batch, or after
  /// ``forward(parameters:observations:extra:count:atRow:)`` the rows cached so far.
  public private(set) var batch: Int = 0

  /// A network for `architecture` with a workspace for up to `maxBatch` states.
  public init(_ architecture: ActorCriticArchitecture, maxBatch: Int) {
    precondition(maxBatch > 0, "maxBatch must be positive, got \(maxBatch)")
    self.architecture = architecture
    self.layout = architecture.layout
    self.maxBatch = maxBatch
    featureCount = architecture.featureCount
    headInputCount = architecture.headInputCount
    let F = headInputCount, A = architecture.actionCount
    wPi = layout["Wpi"]!.offset; bPi = layout["bpi"]!.offset
    wV = layout["Wv"]!.offset; bV = layout["bv"]!.offset

    var size = 0
    func reserve(_ n: Int) -> Int { defer { size += n }; return size }
    var steps: [DenseStep] = []
    var scratch = maxBatch * F
    switch architecture.torso {
    case .mlp(let hidden):
      let obs = architecture.observationSize
      inputOffset = reserve(maxBatch * obs)
      var (input, stride) = (inputOffset, obs)
      var headOffset = hidden.isEmpty ? reserve(maxBatch * F) : 0
      for (l, h) in hidden.enumerated() {
        let last = l == hidden.count - 1
        let out = reserve(maxBatch * (last ? F : h))
        steps.append(DenseStep(
          weight: layout["W\(l + 1)"]!.offset, bias: layout["b\(l + 1)"]!.offset,
          inputs: stride, outputs: h, rowsPerSample: 1, relu: false,
          input: input, inputStride: stride, output: out, outputStride: last ? F : h))
        scratch = max(scratch, maxBatch * max(stride, h))
        (input, stride) = (out, h)
        if last { headOffset = out }
      }
      self.headOffset = headOffset
    case .conv(let h, let w, let c, let f, let k, let hid):
      let (oh, ow) = (h - k + 1, w - k + 1)
      let patch = k * k * c, positions = oh * ow
      inputOffset = reserve(maxBatch * positions * patch)
      let convOut = reserve(maxBatch * positions * f)
      let dense = reserve(maxBatch * F)
      steps.append(DenseStep(
        weight: layout["W1"]!.offset, bias: layout["b1"]!.offset, inputs: patch, outputs: f,
        rowsPerSample: positions, relu: true, input: inputOffset, inputStride: patch,
        output: convOut, outputStride: f))
      steps.append(DenseStep(
        weight: layout["W2"]!.offset, bias: layout["b2"]!.offset, inputs: positions * f,
        outputs: hid, rowsPerSample: 1, relu: true, input: convOut,
        inputStride: positions * f, output: dense, outputStride: F))
      headOffset = dense
      scratch = max(scratch, maxBatch * positions * max(patch, f))
    }
    self.steps = steps
    logitsOffset = reserve(maxBatch * A)
    valuesOffset = reserve(maxBatch)
    scratchA = reserve(scratch)
    scratchB = reserve(scratch)
    workCount = size
    work = .allocate(capacity: size)
    work.initialize(repeating: .zero, count: size)
  }

  deinit {
    work.deinitialize(count: workCount)
    work.deallocate()
  }

  /// Logits [batch, A] of the last forward pass (row-major, valid until the next one).
  public var logits: UnsafeBufferPointer<Scalar> {
    UnsafeBufferPointer(start: work + logitsOffset, count: batch * architecture.actionCount)
  }

  /// Values v(s) [batch] of the last forward pass.
  public var values: UnsafeBufferPointer<Scalar> {
    UnsafeBufferPointer(start: work + valuesOffset, count: batch)
  }

  /// The heads' input x(s) = [torso features; extra] [batch, F] of the last forward pass
  /// (F = ``ActorCriticArchitecture/headInputCount``), what a further linear head on the
  /// torso reads (``OuterCritic``).
  public var headInputs: UnsafeBufferPointer<Scalar> {
    UnsafeBufferPointer(start: work + headOffset, count: batch * headInputCount)
  }

  // MARK: Forward

  /// Evaluates the network on `batch` states and caches the activations.
  ///
  /// - Parameters:
  ///   - parameters: θ, `parameterCount` scalars.
  ///   - observations: [batch, observationSize], row-major (HWC per state for conv).
  ///   - extra: [batch, extraFeatures] or nil (read as zeros) when `extraFeatures > 0`;
  ///     ignored when it is 0.
  /// - Returns nothing; read ``logits`` and ``values``.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func forward(
    parameters: UnsafePointer<Scalar>, observations: UnsafePointer<Scalar>,
    extra: UnsafePointer<Scalar>?, batch: Int
  ) {
    precondition(batch > 0 && batch <= maxBatch, "batch \(batch) outside 1...\(maxBatch)")
    forwardRows(parameters: parameters, observations: observations, extra: extra, firstRow: 0, count: batch)
  }

  /// Extends the cached forward pass by `count` states: evaluates them and caches
  /// their activations as rows `firstRow..<firstRow + count` of the workspace, keeping
  /// rows `0..<firstRow` from earlier calls. Afterwards ``batch`` is `firstRow + count`
  /// and the cache (``logits``, ``values``, what ``backward(parameters:dLogits:dValues:batch:gradient:dExtra:)``
  /// and ``jvp(parameters:tangent:batch:logitsTangent:valuesTangent:)`` read) is that
  /// of one forward pass over all `firstRow + count` states — provided the earlier rows
  /// were computed with the same θ. Each row's values equal a standalone pass's up to
  /// the last bits (BLAS may block a product differently for different row counts).
  ///
  /// This lets an actor fill the learner's cache while it acts: T passes over N states
  /// at rows t·N, then the N bootstrap states, and the update needs no forward pass.
  ///
  /// - Parameters: as ``forward(parameters:observations:extra:batch:)``, with
  ///   `observations` (and `extra`) holding only the `count` new states.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func forward(
    parameters: UnsafePointer<Scalar>, observations: UnsafePointer<Scalar>,
    extra: UnsafePointer<Scalar>?, count: Int, atRow firstRow: Int
  ) {
    precondition(count > 0 && firstRow >= 0 && firstRow + count <= maxBatch,
                 "rows \(firstRow)..<\(firstRow + count) outside 0..<\(maxBatch)")
    precondition(firstRow <= batch, "row \(firstRow) leaves a gap after the cached \(batch) rows")
    forwardRows(parameters: parameters, observations: observations, extra: extra, firstRow: firstRow, count: count)
  }

  /// The forward pass over rows `firstRow..<firstRow + count` (see the two public entry points).
  @inline(__always)
  func forwardRows(
    parameters: UnsafePointer<Scalar>, observations: UnsafePointer<Scalar>,
    extra: UnsafePointer<Scalar>?, firstRow: Int, count batch: Int
  ) {
    self.batch = firstRow + batch
    let F = headInputCount, A = architecture.actionCount
    let head = work + headOffset + firstRow * F

    // Torso input.
    switch architecture.torso {
    case .mlp(let hidden):
      let obs = architecture.observationSize
      if hidden.isEmpty {
        for b in 0..<batch {
          (head + b * F).update(from: observations + b * obs, count: obs)
        }
      } else {
        (work + inputOffset + firstRow * obs).update(from: observations, count: batch * obs)
      }
    case .conv(let h, let w, let c, _, let k, _):
      let rows = (h - k + 1) * (w - k + 1) * firstRow
      im2col(observations, batch: batch, height: h, width: w, channels: c, kernel: k,
             into: work + inputOffset + rows * k * k * c)
    }

    // Torso layers: y = act(x W + b).
    for step in steps {
      let rows = batch * step.rowsPerSample
      let skip = firstRow * step.rowsPerSample
      let y = work + step.output + skip * step.outputStride
      Scalar.gemm(
        transposeA: false, transposeB: false, m: rows, n: step.outputs, k: step.inputs,
        alpha: .one, a: work + step.input + skip * step.inputStride, lda: step.inputStride,
        b: parameters + step.weight, ldb: step.outputs,
        beta: .zero, c: y, ldc: step.outputStride)
      let bias = parameters + step.bias
      for r in 0..<rows {
        let row = y + r * step.outputStride
        if step.relu {
          for j in 0..<step.outputs {
            let z = row[j] + bias[j]
            row[j] = z > .zero ? z : .zero
          }
        } else {
          for j in 0..<step.outputs { row[j] = Scalar.tanh(row[j] + bias[j]) }
        }
      }
    }

    // Extra input: x = [features; extra].
    let E = architecture.extraFeatures
    if E > 0 {
      for b in 0..<batch {
        let dst = head + b * F + featureCount
        if let extra {
          dst.update(from: extra + b * E, count: E)
        } else {
          dst.update(repeating: .zero, count: E)
        }
      }
    }

    // Heads: logits = x W_π + b_π, v = x W_v + b_v.
    let logits = work + logitsOffset + firstRow * A, values = work + valuesOffset + firstRow
    Scalar.gemm(
      transposeA: false, transposeB: false, m: batch, n: A, k: F,
      alpha: .one, a: head, lda: F, b: parameters + wPi, ldb: A,
      beta: .zero, c: logits, ldc: A)
    Scalar.gemm(
      transposeA: false, transposeB: false, m: batch, n: 1, k: F,
      alpha: .one, a: head, lda: F, b: parameters + wV, ldb: 1,
      beta: .zero, c: values, ldc: 1)
    let biasPi = parameters + bPi, biasV = parameters[bV]
    for b in 0..<batch {
      let row = logits + b * A
      for a in 0..<A { row[a] += biasPi[a] }
      values[b] += biasV
    }
  }

  // MARK: Backward

  /// Accumulates the vector-Jacobian product of the last forward pass into
  /// `gradient`:  gradient += ∇θ [ Σ dLogits ⊙ logits + Σ dValues ⊙ v ].
  ///
  /// - Parameters:
  ///   - parameters: the θ the last forward pass used.
  ///   - dLogits: [batch, A] cotangents of the logits.
  ///   - dValues: [batch] cotangents of the values.
  ///   - batch: how many of the last forward pass's states (its first `batch` rows)
  ///     to back-propagate; at most the forward batch. States past it get zero
  ///     cotangents (e.g. bootstrap states).
  ///   - gradient: P scalars, ACCUMULATED into (zero it first for a fresh gradient).
  ///   - dExtra: if non-nil, [batch, extraFeatures] receives (OVERWRITTEN, not
  ///     accumulated) the cotangent of the extra input, e.g. for learning e_η.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func backward(
    parameters: UnsafePointer<Scalar>, dLogits: UnsafePointer<Scalar>,
    dValues: UnsafePointer<Scalar>, batch: Int, gradient: UnsafeMutablePointer<Scalar>,
    dExtra: UnsafeMutablePointer<Scalar>? = nil
  ) {
    precondition(batch > 0 && batch <= self.batch,
                 "backward batch \(batch) outside 1...\(self.batch) (the forward batch)")
    let F = headInputCount, A = architecture.actionCount
    let head = work + headOffset

    // Heads: dW_π += xᵀ dLogits, db_π += Σ_b dLogits, dW_v += xᵀ dValues, db_v += Σ dValues.
    Scalar.gemm(
      transposeA: true, transposeB: false, m: F, n: A, k: batch,
      alpha: .one, a: head, lda: F, b: dLogits, ldb: A,
      beta: .one, c: gradient + wPi, ldc: A)
    Scalar.gemm(
      transposeA: true, transposeB: false, m: F, n: 1, k: batch,
      alpha: .one, a: head, lda: F, b: dValues, ldb: 1,
      beta: .one, c: gradient + wV, ldc: 1)
    let gbPi = gradient + bPi
    var gbV = Scalar.zero
    for b in 0..<batch {
      let row = dLogits + b * A
      for a in 0..<A { gbPi[a] += row[a] }
      gbV += dValues[b]
    }
    gradient[bV] += gbV

    // dx = dLogits W_πᵀ + dValues W_vᵀ   [batch, F]
    let needInput = !steps.isEmpty || dExtra != nil
    guard needInput else { return }
    let dx = work + scratchA
    Scalar.gemm(
      transposeA: false, transposeB: true, m: batch, n: F, k: A,
      alpha: .one, a: dLogits, lda: A, b: parameters + wPi, ldb: A,
      beta: .zero, c: dx, ldc: F)
    Scalar.gemm(
      transposeA: false, transposeB: true, m: batch, n: F, k: 1,
      alpha: .one, a: dValues, lda: 1, b: parameters + wV, ldb: 1,
      beta: .one, c: dx, ldc: F)
    let E = architecture.extraFeatures
    if E > 0, let dExtra {
      for b in 0..<batch {
        (dExtra + b * E).update(from: dx + b * F + featureCount, count: E)
      }
    }

    // Torso, last layer first. dA (stride `daStride`) is the cotangent of a layer's
    // output; dZ = dA ⊙ act′ goes to scratchB, the next dA to scratchA.
    var da = UnsafePointer(dx), daStride = F
    let dz = work + scratchB
    for l in steps.indices.reversed() {
      let step = steps[l]
      let rows = batch * step.rowsPerSample
      let y = work + step.output
      for r in 0..<rows {
        let yRow = y + r * step.outputStride, daRow = da + r * daStride
        let dzRow = dz + r * step.outputs
        if step.relu {
          for j in 0..<step.outputs { dzRow[j] = yRow[j] > .zero ? daRow[j] : .zero }
        } else {
          for j in 0..<step.outputs {
            let a = yRow[j]
            dzRow[j] = daRow[j] * (.one - a * a)  // tanh′ = 1 − tanh²
          }
        }
      }
      // dW += xᵀ dZ, db += Σ_rows dZ.
      Scalar.gemm(
        transposeA: true, transposeB: false, m: step.inputs, n: step.outputs, k: rows,
        alpha: .one, a: work + step.input, lda: step.inputStride, b: dz, ldb: step.outputs,
        beta: .one, c: gradient + step.weight, ldc: step.outputs)
      let gb = gradient + step.bias
      for r in 0..<rows {
        let dzRow = dz + r * step.outputs
        for j in 0..<step.outputs { gb[j] += dzRow[j] }
      }
      // dX = dZ Wᵀ (not needed below the first layer).
      if l > 0 {
        let dPrev = work + scratchA
        Scalar.gemm(
          transposeA: false, transposeB: true, m: rows, n: step.inputs, k: step.outputs,
          alpha: .one, a: dz, lda: step.outputs, b: parameters + step.weight, ldb: step.outputs,
          beta: .zero, c: dPrev, ldc: step.inputs)
        da = UnsafePointer(dPrev)
        daStride = steps[l - 1].outputs  // dPrev is contiguous in the rows of layer l − 1
      }
    }
  }
}
