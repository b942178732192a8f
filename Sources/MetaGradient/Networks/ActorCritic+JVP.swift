extension ActorCritic {
  /// The Jacobian-vector product of the last forward pass: how the outputs move when
  /// the parameters move along θ̇ (and the extra input along ė, zero by default),
  ///
  ///     logitsTangent = ∂logits/∂θ · θ̇,   valuesTangent = ∂v/∂θ · θ̇,
  ///
  /// computed forward from the cached activations, layer by layer:
  /// ż = x Ẇ + ẋ W + ḃ, ẏ = act′(z) ⊙ ż (tanh′ = 1 − y², ReLU′ = [y > 0]), ẋ = 0 at
  /// the input. It costs about two forward passes and no backward pass.
  ///
  /// This is the meta-gradient's workhorse: ∂J̄/∂θ′ · ∂f/∂η is a sum over τ of
  /// ∂g/∂η times the directional derivative of log π(A|S) + b v(S) along
  /// θ̇ = ∂J̄/∂θ′ (Xu et al. 2018, eq. 5 with the paper's dθ′/dη ≈ ∂f/∂η).
  ///
  /// - Parameters:
  ///   - parameters: the θ the last forward pass used.
  ///   - tangent: θ̇, P scalars.
  ///   - batch: how many of the last forward pass's states (its first rows).
  ///   - logitsTangent: [batch, A], overwritten.
  ///   - valuesTangent: [batch], overwritten.
  ///   - extraTangent: ė, [batch, extraFeatures], or nil for zero (e.g. the tangent of
  ///     e_η = W_η η when W_η moves).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func jvp(
    parameters: UnsafePointer<Scalar>, tangent: UnsafePointer<Scalar>, batch: Int,
    logitsTangent: UnsafeMutablePointer<Scalar>, valuesTangent: UnsafeMutablePointer<Scalar>,
    extraTangent: UnsafePointer<Scalar>? = nil
  ) {
    precondition(batch > 0 && batch <= self.batch, "jvp batch \(batch) outside 1...\(self.batch) (the forward batch)")
    let F = headInputCount, A = architecture.actionCount
    // ẋ of the current layer's input: nil at the observations (zero tangent).
    var dx: UnsafeMutablePointer<Scalar>? = nil, dxStride = 0
    var buffers = (work + scratchA, work + scratchB)
    for step in steps {
      let rows = batch * step.rowsPerSample
      let dz = buffers.0
      // ż = x Ẇ (+ ẋ W) + ḃ, stored contiguously [rows, outputs].
      Scalar.gemm(
        transposeA: false, transposeB: false, m: rows, n: step.outputs, k: step.inputs,
        alpha: .one, a: work + step.input, lda: step.inputStride,
        b: tangent + step.weight, ldb: step.outputs, beta: .zero, c: dz, ldc: step.outputs)
      if let dx {
        Scalar.gemm(
          transposeA: false, transposeB: false, m: rows, n: step.outputs, k: step.inputs,
          alpha: .one, a: dx, lda: dxStride, b: parameters + step.weight, ldb: step.outputs,
          beta: .one, c: dz, ldc: step.outputs)
      }
      let db = tangent + step.bias, y = work + step.output
      for r in 0..<rows {
        let row = dz + r * step.outputs, yRow = y + r * step.outputStride
        if step.relu {
          for j in 0..<step.outputs { row[j] = yRow[j] > .zero ? row[j] + db[j] : .zero }
        } else {
          for j in 0..<step.outputs { let a = yRow[j]; row[j] = (row[j] + db[j]) * (.one - a * a) }
        }
      }
      // A conv layer's rows are [batch·positions, filters]: read as [batch, positions·filters].
      dx = dz
      dxStride = step.outputs * step.rowsPerSample
      buffers = (buffers.1, buffers.0)
    }
    // Heads: l̇ = x Ẇ_π + ẋ_features W_π[features] + ė W_π[extra] + ḃ_π.
    let head = work + headOffset
    Scalar.gemm(
      transposeA: false, transposeB: false, m: batch, n: A, k: F,
      alpha: .one, a: head, lda: F, b: tangent + wPi, ldb: A, beta: .zero, c: logitsTangent, ldc: A)
    Scalar.gemm(
      transposeA: false, transposeB: false, m: batch, n: 1, k: F,
      alpha: .one, a: head, lda: F, b: tangent + wV, ldb: 1, beta: .zero, c: valuesTangent, ldc: 1)
    if let dx {
      Scalar.gemm(
        transposeA: false, transposeB: false, m: batch, n: A, k: featureCount,
        alpha: .one, a: dx, lda: dxStride, b: parameters + wPi, ldb: A, beta: .one, c: logitsTangent, ldc: A)
      Scalar.gemm(
        transposeA: false, transposeB: false, m: batch, n: 1, k: featureCount,
        alpha: .one, a: dx, lda: dxStride, b: parameters + wV, ldb: 1, beta: .one, c: valuesTangent, ldc: 1)
    }
    let E = architecture.extraFeatures
    if E > 0, let extraTangent {
      Scalar.gemm(
        transposeA: false, transposeB: false, m: batch, n: A, k: E,
        alpha: .one, a: extraTangent, lda: E, b: parameters + wPi + featureCount * A, ldb: A,
        beta: .one, c: logitsTangent, ldc: A)
      Scalar.gemm(
        transposeA: false, transposeB: false, m: batch, n: 1, k: E,
        alpha: .one, a: extraTangent, lda: E, b: parameters + wV + featureCount, ldb: 1,
        beta: .one, c: valuesTangent, ldc: 1)
    }
    let dbPi = tangent + bPi, dbV = tangent[bV]
    for b in 0..<batch {
      let row = logitsTangent + b * A
      for a in 0..<A { row[a] += dbPi[a] }
      valuesTangent[b] += dbV
    }
  }
}
