import Foundation
import PortalCore
import Testing
import PortalProbe

/// etc/machine-id, which lets enrolling this machine again update the same device.
@Suite("Machine id")
struct MachineIdProbeTests {
    func machineId(_ text: String?) throws -> HostFact<String> {
        let tree = try HostTree()
        defer { tree.remove() }
        if let text { try tree.file("etc/machine-id", text) } else { try tree.folder("etc") }
        return HostProbe(root: tree.root).inspect().machineId
    }

    @Test func aWellFormedIdIsRead() throws {
        #expect(try machineId("0123456789abcdef0123456789abcdef\n") == .known("0123456789abcdef0123456789abcdef"))
    }

    @Test func anEmptyOrUninitializedIdIsUnknownWithTheReason() throws {
        #expect(try machineId("") == .unknown("etc/machine-id: not 32 hexadecimal digits"))
        #expect(try machineId("uninitialized\n") == .unknown("etc/machine-id: not 32 hexadecimal digits"))
    }

    @Test func aMissingIdIsUnknownWithTheReason() throws {
        let fact = try machineId(nil)
        #expect(fact.value == nil)
        #expect(fact.unknownReason?.hasPrefix("etc/machine-id: ") == true)
    }
}
