//! Tests of the parent module.

use super::{member::RosterQ, *};

fn doc() -> serde_json::Value {
    serde_json::to_value(super::super::api().1).unwrap()
}

#[test]
fn openapi_lists_the_people_routes() {
    let json = doc();
    for p in [
        "/api/v1/people",
        "/api/v1/people/{id}",
        "/api/v1/people/{id}/reveal",
        "/api/v1/people/{id}/member",
        "/api/v1/members/{id}",
        "/api/v1/orgs/{id}/members",
        "/api/v1/orgs/{id}/people-summary",
        "/api/v1/members/{id}/transfers",
        "/api/v1/transfers/{id}/confirm",
        "/api/v1/transfers/{id}/reject",
        "/api/v1/transfers/{id}/cancel",
        "/api/v1/members/{id}/letters",
        "/api/v1/orgs/{id}/transfers",
        "/api/v1/people/{id}/positions",
        "/api/v1/positions/{id}/end",
        "/api/v1/orgs/{id}/terms",
        "/api/v1/areas/{id}/households",
        "/api/v1/households",
        "/api/v1/households/{id}",
        "/api/v1/areas/{id}/grids",
        "/api/v1/grids",
        "/api/v1/areas/{id}/bodies",
        "/api/v1/bodies",
        "/api/v1/members/{id}/links",
        "/api/v1/members/{id}/links/{household_id}",
    ] {
        assert!(json["paths"].get(p).is_some(), "{p} missing");
    }
}

/// The field descriptions list every allowed value, so they cannot drift from the enums.
#[test]
fn descriptions_list_every_enum_value() {
    let json = doc();
    let described = |schema: &str, field: &str| -> String {
        json["components"]["schemas"][schema]["properties"][field]["description"].as_str().unwrap_or_default().to_owned()
    };
    let check = |schema: &str, field: &str, values: Vec<&str>| {
        let d = described(schema, field);
        for v in values {
            assert!(d.contains(v), "{schema}.{field} does not list {v}: {d:?}");
        }
    };
    check("PersonIn", "gender", Gender::ALL.iter().map(|x| x.as_str()).collect());
    check("PersonIn", "education", Education::ALL.iter().map(|x| x.as_str()).collect());
    check("PersonIn", "occupation", Occupation::ALL.iter().map(|x| x.as_str()).collect());
    check("MemberIn", "status", MemberStatus::ALL.iter().map(|x| x.as_str()).collect());
    check("MemberPatchIn", "status", MemberStatus::ALL.iter().map(|x| x.as_str()).collect());
    check("MemberOut", "status", MemberStatus::ALL.iter().map(|x| x.as_str()).collect());
    check("PositionIn", "post", PostKind::ALL.iter().map(|x| x.as_str()).collect());
    check("PositionOut", "post", PostKind::ALL.iter().map(|x| x.as_str()).collect());
    check("BodyIn", "kind", BodyKind::ALL.iter().map(|x| x.as_str()).collect());
    check("BodyOut", "kind", BodyKind::ALL.iter().map(|x| x.as_str()).collect());
    check("RevealIn", "field", vec![Sensitive::IdNumber.as_str(), Sensitive::Phone.as_str()]);
    check("TransferOut", "status", lianxin_core::people::TransferStatus::ALL.iter().map(|x| x.as_str()).collect());
}

#[test]
fn person_output_has_no_sensitive_keys() {
    let json = doc();
    let props = json["components"]["schemas"]["PersonOut"]["properties"].as_object().unwrap();
    for k in props.keys() {
        assert!(!k.ends_with("_enc") && !k.ends_with("_hash"), "{k}");
    }
}

#[test]
fn unknown_enum_text_names_the_field() {
    let e = choice("gender", Some("unknown"), Gender::parse).unwrap_err();
    assert_eq!(e.field(), Some("gender"));
    assert_eq!(e.key(), "error-choose");
    assert!(choice("gender", Some("  "), Gender::parse).unwrap().is_none());
    let q = RosterQ { flag: "vip".into(), ..Default::default() };
    assert_eq!(q.filter().unwrap_err().field(), Some("flag"));
}
