import Foundation

/// A Float array as a checkpoint stores it: its raw bytes (little-endian IEEE 754, as
/// on every machine Swift runs on here), base64 in the JSON. Exact like the decimal
/// form, but 4 bytes per value instead of ≈ 10 characters and many times faster to
/// write — used for the large arrays (θ, optimiser-sized vectors, rollouts, traces).
public struct PackedFloats: Codable, Equatable, Sendable {
  public var values: [Float]

  public init(_ values: [Float]) { self.values = values }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let data = try container.decode(Data.self)
    let size = MemoryLayout<Float>.size
    guard data.count % size == 0 else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(data.count) bytes is not a whole number of Floats")
    }
    values = [Float](unsafeUninitializedCapacity: data.count / size) { buffer, count in
      data.withUnsafeBytes { bytes in
        for i in 0..<buffer.count {
          buffer[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * size, as: UInt32.self)))
        }
      }
      count = buffer.count
    }
  }

  public func encode(to encoder: Encoder) throws {
    let size = MemoryLayout<Float>.size
    var data = Data(count: values.count * size)
    data.withUnsafeMutableBytes { bytes in
      for (i, x) in values.enumerated() {
        bytes.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: i * size, as: UInt32.self)
      }
    }
    var container = encoder.singleValueContainer()
    try container.encode(data)
  }
}
