import Testing
@testable import MetaGradient

@Suite struct RandomStreamTests {
  @Test func sameSeedSameStream() {
    var a = RandomStream(seed: 42), b = RandomStream(seed: 42)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }

  @Test func splitDependsOnlyOnLabel() {
    var parent = RandomStream(seed: 7)
    let before = parent.split(3)
    for _ in 0..<10 { _ = parent.next() }
    var after = parent.split(3), b = before
    #expect(after.next() == b.next())
    var other = parent.split(4)
    var again = parent.split(3)
    #expect(other.next() != again.next())
  }

  @Test func uniformAndIndexRanges() {
    var r = RandomStream(seed: 1)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<50_000 {
      let u = r.uniform(); #expect(u >= 0 && u < 1)
      counts[r.index(5)] += 1
    }
    for c in counts { #expect(abs(c - 10_000) < 500) }
  }

  @Test func normalMoments() {
    var r = RandomStream(seed: 2)
    let n = 100_000
    var s = 0.0, s2 = 0.0
    for _ in 0..<n { let x = r.normal(); s += x; s2 += x * x }
    #expect(abs(s / Double(n)) < 0.02)
    #expect(abs(s2 / Double(n) - 1) < 0.02)
  }
}
