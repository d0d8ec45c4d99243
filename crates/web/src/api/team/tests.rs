//! Tests of the parent module.

use lianxin_core::{
    appeals::{Rating, Status},
    care::{DIFFICULTY_KINDS, OCCASIONS},
    development::{Stage, Step},
    dues::DuesKind,
    enterprises::{SERVICE_KINDS, is_enterprise},
    meetings::{Attendance, Grade},
    people::BodyKind,
    points::{ACTIONS, ITEMS},
};

fn doc() -> serde_json::Value {
    serde_json::to_value(super::super::api().1).unwrap()
}

const PATHS: [&str; 10] = [
    "/api/v1/orgs/{id}/points",
    "/api/v1/members/{id}/points",
    "/api/v1/orgs/{id}/study",
    "/api/v1/orgs/{id}/care",
    "/api/v1/orgs/{id}/dues",
    "/api/v1/orgs/{id}/development",
    "/api/v1/areas/{id}/enterprises",
    "/api/v1/enterprises/{id}",
    "/api/v1/enterprises/{id}/services",
    "/api/v1/orgs/{id}/leaders",
];

#[test]
fn openapi_lists_the_team_routes() {
    let json = doc();
    for p in PATHS {
        let item = &json["paths"][p];
        assert!(item.is_object(), "{p} missing");
        for (_, op) in item.as_object().unwrap() {
            assert_eq!(op["tags"][0], "team", "{p}");
        }
    }
    assert!(json["paths"]["/api/v1/enterprises/{id}/services"]["post"]["responses"]["201"].is_object());
    assert!(json["tags"].as_array().unwrap().iter().any(|t| t["name"] == "team"));
}

/// The field descriptions list every value a field takes, so they cannot drift from the enums.
#[test]
fn descriptions_list_every_enum_value() {
    let json = doc();
    let check = |schema: &str, field: &str, values: Vec<&str>| {
        let d = json["components"]["schemas"][schema]["properties"][field]["description"].as_str().unwrap_or_default().to_owned();
        for v in values {
            assert!(d.contains(v), "{schema}.{field} does not list {v}: {d:?}");
        }
    };
    fn all<T: Copy>(list: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
        list.iter().map(|v| name(*v)).collect()
    }
    check("PointsLineOut", "item", ITEMS.to_vec());
    check("PointsActionOut", "action", ACTIONS.to_vec());
    check("PointsAppealOut", "rating", all(Rating::ALL, Rating::as_str));
    check("PointsMeetingOut", "attendance", all(Attendance::ALL, Attendance::as_str));
    check("PointsEntryOut", "status", vec!["pending", "approved", "rejected"]);
    check("DifficultyOut", "kind", DIFFICULTY_KINDS.to_vec());
    check("VisitOut", "occasion", OCCASIONS.to_vec());
    check("DuesBaseOut", "kind", all(DuesKind::ALL, DuesKind::as_str));
    check("DevelopmentCaseOut", "stage", all(Stage::ALL, Stage::as_str));
    check("DevelopmentNextOut", "step", all(Step::ALL, Step::as_str));
    check("EnterpriseHead", "kind", BodyKind::ALL.iter().copied().filter(|k| is_enterprise(*k)).map(BodyKind::as_str).collect());
    check("OfferOut", "kind", lianxin_core::enterprises::OFFER_KINDS.to_vec());
    check("OfferOut", "state", vec!["upcoming", "open", "ended", "withdrawn"]);
    check("ServiceOut", "kind", SERVICE_KINDS.to_vec());
    check("EnterpriseServiceIn", "kind", SERVICE_KINDS.to_vec());
    check("CohandledNeedOut", "status", all(Status::ALL, Status::as_str));
    check("CandidateOut", "grade", all(Grade::ALL, Grade::as_str));
    check("CandidateOut", "standing", vec!["eligible", "not_full", "grade"]);
    for schema in ["PointsStandingOut", "StudyHoursOut", "MustVisitOut", "DuesRowOut", "CandidateOut"] {
        check(schema, "status", vec!["probationary", "full"]);
    }
}

/// The document gives the closed lists and ranges the handlers hold to.
#[test]
fn the_document_holds_the_values_taken() {
    let json = doc();
    let kind = &json["components"]["schemas"]["EnterpriseServiceIn"]["properties"]["kind"]["enum"];
    let kinds: Vec<&str> = kind.as_array().expect("an enum").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(kinds, SERVICE_KINDS.to_vec());
    let param = |path: &str, name: &str| {
        json["paths"][path]["get"]["parameters"].as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap()
    };
    let year = param("/api/v1/orgs/{id}/care", "year");
    assert_eq!((year["schema"]["minimum"].as_i64(), year["schema"]["maximum"].as_i64()), (Some(1990), Some(2100)), "{year}");
    let period = param("/api/v1/orgs/{id}/points", "period");
    let re = regex::Regex::new(period["schema"]["pattern"].as_str().expect("a pattern")).unwrap();
    for ok in ["", "2026", "2026-05", "2026-Q2", "1990-12", "2100-Q4"] {
        assert!(re.is_match(ok), "{ok:?} is a period");
        assert!(ok.is_empty() || lianxin_core::meetings::Period::parse(ok).is_some_and(|p| super::YEARS.contains(&p.year())));
    }
    for bad in ["2026-Q5", "2026-13", "1899", "Q2", "2026-00", "2101"] {
        assert!(!re.is_match(bad), "{bad:?} is not a period");
    }
}
