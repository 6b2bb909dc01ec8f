import CRMAuth

/// The CRM's own records, per tenant: what the dashboard shows behind each permission. A real CRM
/// reads them from its database with the tenant in every query; here they are fixed, except the
/// employees, which are the tenant's accounts.
enum CRMData {
    /// A company using the CRM.
    struct Company {
        let name: String
        let leads: [String]
        let invoices: [String]
    }

    static let companies: [TenantID: Company] = [
        "acme": Company(
            name: "Acme Corporation",
            leads: ["Initech: send the proposal", "Umbrella: renewal call on Monday"],
            invoices: ["INV-1042: 1,200 EUR, due Friday", "INV-1043: 380 EUR, paid"]),
        "globex": Company(
            name: "Globex",
            leads: ["Hooli: demo on Thursday", "Vandelay Industries: price quote"],
            invoices: ["GX-7: 9,900 EUR, due in May"]),
    ]
}
