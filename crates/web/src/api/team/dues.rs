//! Party dues: an organization's book of a year — each paying member's base, the months paid and
//! owed, and the arrears alert.

use axum::{
    Json,
    extract::{Path, Query},
};
use chrono::{DateTime, NaiveDate, Utc};
use lianxin_app::dues::{self, BookRow};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use super::{TeamOrg, YearQ};
use crate::{AppState, Viewer, api::ApiErrorBody, error::WebResult};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(book))
}

/// The base a member's dues of the year are reckoned on. Amounts in fen (1/100 yuan).
#[derive(Serialize, ToSchema)]
pub struct DuesBaseOut {
    /// employed, self_employed, retired, farmer, student, other
    pub kind: String,
    /// The monthly income the share is taken of; absent for a fixed amount.
    pub base_fen: Option<i64>,
    pub monthly_fen: i64,
    pub note: String,
    /// What is owed a month under the year's relief once approved, else `monthly_fen`.
    pub owed_monthly_fen: i64,
    /// Absent unless the branch proposed paying less or nothing (第七条).
    pub relief: Option<DuesReliefOut>,
}

/// Hardship relief of a year's dues: proposed by the branch, decided by the committee above.
#[derive(Serialize, ToSchema)]
pub struct DuesReliefOut {
    /// The amount a month asked for; 0 waives.
    pub monthly_fen: i64,
    /// pending, approved, rejected
    pub status: String,
    pub reason: String,
    pub proposed_by: Option<String>,
    pub proposed_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The committee's note (why, when rejected).
    pub note: String,
}

impl From<dues::Base> for DuesBaseOut {
    fn from(b: dues::Base) -> Self {
        let owed_monthly_fen = dues::monthly_owed(&b);
        let relief = b.relief_status.clone().map(|status| DuesReliefOut {
            monthly_fen: b.relief_fen.unwrap_or(0),
            status,
            reason: b.relief_reason.clone(),
            proposed_by: b.relief_proposed_by.clone(),
            proposed_at: b.relief_proposed_at,
            decided_by: b.relief_decided_by.clone(),
            decided_at: b.relief_decided_at,
            note: b.relief_note.clone(),
        });
        Self { kind: b.kind, base_fen: b.base_fen, monthly_fen: b.monthly_fen, note: b.note, owed_monthly_fen, relief }
    }
}

/// One month of a member's year.
#[derive(Serialize, ToSchema)]
pub struct DuesMonthOut {
    /// 1–12.
    pub month: u32,
    /// Owed: after the dues start, up to the last month owed.
    pub due: bool,
    /// Absent when unpaid.
    pub paid_fen: Option<i64>,
    pub paid_on: Option<NaiveDate>,
    /// Paid by the branch on the member's behalf.
    pub by_branch: bool,
}

/// A member's line of the book.
#[derive(Serialize, ToSchema)]
pub struct DuesRowOut {
    pub member_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    /// probationary, full
    pub status: String,
    /// Absent until a base is fixed for the year.
    pub base: Option<DuesBaseOut>,
    /// January to December.
    pub months: Vec<DuesMonthOut>,
    pub paid_fen: i64,
    /// Owed this year and not paid.
    pub owed_fen: i64,
    /// The unpaid months (first days) since the dues started, earliest first.
    pub arrears: Vec<NaiveDate>,
    /// The longest run of unpaid months.
    pub longest_run: u32,
    /// Six months or more unpaid in a row.
    pub alert: bool,
}

impl From<BookRow> for DuesRowOut {
    fn from(r: BookRow) -> Self {
        let owed_fen = r.owed_fen();
        let months = r
            .months
            .iter()
            .zip(r.due)
            .enumerate()
            .map(|(i, (p, due))| DuesMonthOut {
                month: i as u32 + 1,
                due,
                paid_fen: p.as_ref().map(|p| p.amount_fen),
                paid_on: p.as_ref().map(|p| p.paid_on),
                by_branch: p.as_ref().is_some_and(|p| p.by_branch),
            })
            .collect();
        Self {
            member_id: r.member.id,
            person_id: r.member.person_id,
            name: r.member.person_name,
            status: r.member.status,
            base: r.base.map(DuesBaseOut::from),
            months,
            paid_fen: r.paid_fen,
            owed_fen,
            arrears: r.arrears.owed,
            longest_run: r.arrears.longest_run,
            alert: r.arrears.alert,
        }
    }
}

/// The year's dues made public to the branch's members.
#[derive(Serialize, ToSchema)]
pub struct DuesPublicationOut {
    pub members: i32,
    pub total_fen: i64,
    pub published_by: String,
    pub published_at: DateTime<Utc>,
}

/// An organization's dues of a year. Amounts in fen (1/100 yuan).
#[derive(Serialize, ToSchema)]
pub struct DuesBookOut {
    pub org: TeamOrg,
    pub year: i32,
    /// The last month owed in this book (its first day): the month before today, or December of a past year.
    pub through: NaiveDate,
    pub members: Vec<DuesRowOut>,
    pub paid_fen: i64,
    pub owed_fen: i64,
    /// Members with the arrears alert.
    pub alerts: u64,
    /// Members with no base for the year.
    pub without_base: u64,
    /// Absent until published.
    pub publication: Option<DuesPublicationOut>,
    /// Whether the caller may record payments here.
    pub may_record: bool,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/dues", tag = "team", params(("id" = Uuid, Path), YearQ),
    responses((status = 200, body = DuesBookOut), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn book(v: Viewer, Path(id): Path<Uuid>, Query(q): Query<YearQ>) -> WebResult<Json<DuesBookOut>> {
    v.require()?;
    let b = std::sync::Arc::unwrap_or_clone(dues::book(&v.ctx, id, q.year(&v.ctx)?).await?);
    let (paid_fen, owed_fen, alerts, without_base) = (b.paid_fen(), b.owed_fen(), b.alerts() as u64, b.without_base() as u64);
    Ok(Json(DuesBookOut {
        org: TeamOrg { id: b.org.id, name: b.org.name },
        year: b.year,
        through: b.through,
        members: b.rows.into_iter().map(DuesRowOut::from).collect(),
        paid_fen,
        owed_fen,
        alerts,
        without_base,
        publication: b.publication.map(|p| DuesPublicationOut {
            members: p.members,
            total_fen: p.total_fen,
            published_by: p.published_by,
            published_at: p.published_at,
        }),
        may_record: b.may_record,
    }))
}
