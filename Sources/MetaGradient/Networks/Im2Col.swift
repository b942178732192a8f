/// im2col for a stride-1, VALID convolution on HWC images: unrolls every k×k patch
/// into one row so the convolution becomes one matrix product
///
///     Y[(b, i, j), f] = Σ_{di, dj, c} X[b, i+di, j+dj, c] · W[(di·k + dj)·C + c, f].
///
/// - Parameters:
///   - images: [batch, height, width, channels], channel fastest.
///   - columns: [batch · OH · OW, k·k·C] with OH = height − k + 1, OW = width − k + 1;
///     row (b·OH + i)·OW + j holds the patch whose top-left corner is (i, j), in the
///     order (di, dj, c). Since a patch row (dj, c) is contiguous in HWC, each patch is
///     k copies of k·C scalars.
@inlinable
func im2col<Scalar>(
  _ images: UnsafePointer<Scalar>, batch: Int, height: Int, width: Int, channels: Int,
  kernel k: Int, into columns: UnsafeMutablePointer<Scalar>
) {
  let (oh, ow) = (height - k + 1, width - k + 1)
  let run = k * channels, patch = k * run, image = height * width * channels
  var dst = columns
  for b in 0..<batch {
    let x = images + b * image
    for i in 0..<oh {
      for j in 0..<ow {
        for di in 0..<k {
          (dst + di * run).update(from: x + ((i + di) * width + j) * channels, count: run)
        }
        dst += patch
      }
    }
  }
}
