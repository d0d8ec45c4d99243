//! Queries for party dues: a branch's members with their base of the year and their payments
//! (three queries whatever the branch's size), one payment per member and month, the yearly
//! publication, and a subtree's roll-up grouped by organization in the database.

use chrono::NaiveDate;
use lianxin_core::{paging::Window, tree::TreePath};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entity::{dues_base, dues_payment, dues_publication, member};

pub use dues_base::Model as Base;
pub use dues_payment::Model as Payment;
pub use dues_publication::Model as Publication;

/// The statuses that owe dues: probationary and full members (第八条: from the admission).
pub const PAYING: [&str; 2] = ["probationary", "full"];

/// The dues-paying members of one organization, by name.
pub async fn paying_members<C: ConnectionTrait>(c: &C, org: Uuid) -> crate::Result<Vec<member::Model>> {
    Ok(member::Entity::find()
        .filter(member::Column::OrgId.eq(org))
        .filter(member::Column::Status.is_in(PAYING))
        .order_by_asc(member::Column::PersonName)
        .order_by_asc(member::Column::Id)
        .all(c)
        .await?)
}

/// The dues-paying members of a subtree, by organization path then name.
pub async fn paying_members_in<C: ConnectionTrait>(c: &C, root: &TreePath) -> crate::Result<Vec<member::Model>> {
    let (lo, hi) = root.subtree_range();
    Ok(member::Entity::find()
        .filter(member::Column::OrgPath.gte(lo))
        .filter(member::Column::OrgPath.lt(hi))
        .filter(member::Column::Status.is_in(PAYING))
        .order_by_asc(member::Column::OrgPath)
        .order_by_asc(member::Column::PersonName)
        .all(c)
        .await?)
}

/// The bases of a year of the given members.
pub async fn bases_of<C: ConnectionTrait>(c: &C, members: &[Uuid], year: i32) -> crate::Result<Vec<Base>> {
    let mut out = Vec::new();
    for chunk in members.chunks(500) {
        out.extend(
            dues_base::Entity::find()
                .filter(dues_base::Column::MemberId.is_in(chunk.iter().copied()))
                .filter(dues_base::Column::Year.eq(year))
                .all(c)
                .await?,
        );
    }
    Ok(out)
}

/// The first year each of the given members has a base: the system knows what they owe from then.
pub async fn earliest_base_years<C: ConnectionTrait>(c: &C, members: &[Uuid]) -> crate::Result<std::collections::HashMap<Uuid, i32>> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let mut out = std::collections::HashMap::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, i32)> = dues_base::Entity::find()
            .select_only()
            .column(dues_base::Column::MemberId)
            .column_as(Expr::col(dues_base::Column::Year).min(), "year")
            .filter(dues_base::Column::MemberId.is_in(chunk.iter().copied()))
            .group_by(dues_base::Column::MemberId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The years up to `to_year` each of the given members was excused from paying by an approved
/// relief of nothing (免交): their months are not arrears.
pub async fn waived_years<C: ConnectionTrait>(
    c: &C,
    members: &[Uuid],
    to_year: i32,
) -> crate::Result<std::collections::HashMap<Uuid, Vec<i32>>> {
    let mut out: std::collections::HashMap<Uuid, Vec<i32>> = std::collections::HashMap::new();
    for chunk in members.chunks(500) {
        let rows: Vec<(Uuid, i32)> = dues_base::Entity::find()
            .select_only()
            .column(dues_base::Column::MemberId)
            .column(dues_base::Column::Year)
            .filter(dues_base::Column::MemberId.is_in(chunk.iter().copied()))
            .filter(dues_base::Column::Year.lte(to_year))
            .filter(dues_base::Column::ReliefStatus.eq("approved"))
            .filter(dues_base::Column::ReliefFen.eq(0))
            .into_tuple()
            .all(c)
            .await?;
        for (m, y) in rows {
            out.entry(m).or_default().push(y);
        }
    }
    Ok(out)
}

pub async fn base_of<C: ConnectionTrait>(c: &C, member: Uuid, year: i32) -> crate::Result<Option<Base>> {
    Ok(dues_base::Entity::find().filter(dues_base::Column::MemberId.eq(member)).filter(dues_base::Column::Year.eq(year)).one(c).await?)
}

pub async fn insert_base<C: ConnectionTrait>(c: &C, b: Base) -> crate::Result<Base> {
    Ok(b.into_active_model().reset_all().insert(c).await?)
}

pub async fn update_base<C: ConnectionTrait>(c: &C, b: Base) -> crate::Result<Base> {
    Ok(b.into_active_model().reset_all().update(c).await?)
}

/// The payments of the given members for months in `[from, to]`, by member then month.
pub async fn payments_of<C: ConnectionTrait>(c: &C, members: &[Uuid], from: NaiveDate, to: NaiveDate) -> crate::Result<Vec<Payment>> {
    let mut out = Vec::new();
    for chunk in members.chunks(500) {
        out.extend(
            dues_payment::Entity::find()
                .filter(dues_payment::Column::MemberId.is_in(chunk.iter().copied()))
                .filter(dues_payment::Column::Month.gte(from))
                .filter(dues_payment::Column::Month.lte(to))
                .order_by_asc(dues_payment::Column::MemberId)
                .order_by_asc(dues_payment::Column::Month)
                .all(c)
                .await?,
        );
    }
    Ok(out)
}

pub async fn insert_payment<C: ConnectionTrait>(c: &C, p: Payment) -> crate::Result<Payment> {
    Ok(p.into_active_model().reset_all().insert(c).await?)
}

/// Inserts generated bases and payments in chunks.
pub async fn insert_many<C: ConnectionTrait>(c: &C, bases: Vec<Base>, payments: Vec<Payment>) -> crate::Result<()> {
    for chunk in bases.chunks(300) {
        dues_base::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all())).exec_without_returning(c).await?;
    }
    for chunk in payments.chunks(600) {
        dues_payment::Entity::insert_many(chunk.iter().cloned().map(|m| m.into_active_model().reset_all()))
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

pub async fn publication<C: ConnectionTrait>(c: &C, org: Uuid, year: i32) -> crate::Result<Option<Publication>> {
    Ok(dues_publication::Entity::find()
        .filter(dues_publication::Column::OrgId.eq(org))
        .filter(dues_publication::Column::Year.eq(year))
        .one(c)
        .await?)
}

pub async fn insert_publication<C: ConnectionTrait>(c: &C, p: Publication) -> crate::Result<Publication> {
    Ok(p.into_active_model().reset_all().insert(c).await?)
}

/// One organization's figures in a subtree's roll-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromQueryResult)]
pub struct OrgSums {
    pub org_id: Uuid,
    /// Members with a base for the year.
    pub members: i64,
    /// The year's monthly amounts summed (one month's dues of the organization).
    pub monthly_fen: i64,
}

/// Payments of an organization over a range of months.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromQueryResult)]
pub struct OrgPaid {
    pub org_id: Uuid,
    pub payments: i64,
    pub paid_fen: i64,
}

/// The bases of a subtree with a hardship relief waiting for the committee above, oldest first,
/// one page of them.
pub async fn reliefs_pending<C: ConnectionTrait>(c: &C, root: &TreePath, w: Window) -> crate::Result<Vec<Base>> {
    let (lo, hi) = root.subtree_range();
    Ok(dues_base::Entity::find()
        .filter(dues_base::Column::OrgPath.gte(lo))
        .filter(dues_base::Column::OrgPath.lt(hi))
        .filter(dues_base::Column::ReliefStatus.eq("pending"))
        .order_by_asc(dues_base::Column::ReliefProposedAt)
        .order_by_asc(dues_base::Column::Id)
        .offset(w.from)
        .limit(w.fetch())
        .all(c)
        .await?)
}

/// A subtree's bases of a year and payments of a range, each summed per organization in one query.
pub async fn rollup<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<(Vec<OrgSums>, Vec<OrgPaid>)> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let (lo, hi) = root.subtree_range();
    let sums = dues_base::Entity::find()
        .select_only()
        .column(dues_base::Column::OrgId)
        .column_as(Expr::col(dues_base::Column::Id).count(), "members")
        // An approved hardship relief replaces the table's amount.
        .column_as(
            Expr::cust("CAST(SUM(CASE WHEN relief_status = 'approved' THEN relief_fen ELSE monthly_fen END) AS BIGINT)"),
            "monthly_fen",
        )
        .filter(dues_base::Column::OrgPath.gte(lo.clone()))
        .filter(dues_base::Column::OrgPath.lt(hi.clone()))
        .filter(dues_base::Column::Year.eq(year))
        .group_by(dues_base::Column::OrgId)
        .into_model::<OrgSums>()
        .all(c)
        .await?;
    let paid = dues_payment::Entity::find()
        .select_only()
        .column(dues_payment::Column::OrgId)
        .column_as(Expr::col(dues_payment::Column::Id).count(), "payments")
        .column_as(Expr::col(dues_payment::Column::AmountFen).sum().cast_as("BIGINT"), "paid_fen")
        .filter(dues_payment::Column::OrgPath.gte(lo))
        .filter(dues_payment::Column::OrgPath.lt(hi))
        .filter(dues_payment::Column::Month.gte(from))
        .filter(dues_payment::Column::Month.lte(to))
        .group_by(dues_payment::Column::OrgId)
        .into_model::<OrgPaid>()
        .all(c)
        .await?;
    Ok((sums, paid))
}

/// Members of a subtree with a base for `year` and no payment for any month in `[from, to]`,
/// counted per organization: those six months behind as of `to`.
pub async fn silent_members<C: ConnectionTrait>(
    c: &C,
    root: &TreePath,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> crate::Result<Vec<(Uuid, i64)>> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let (lo, hi) = root.subtree_range();
    Ok(dues_base::Entity::find()
        .select_only()
        .column(dues_base::Column::OrgId)
        .column_as(Expr::col(dues_base::Column::Id).count(), "n")
        .filter(dues_base::Column::OrgPath.gte(lo))
        .filter(dues_base::Column::OrgPath.lt(hi))
        .filter(dues_base::Column::Year.eq(year))
        .filter(
            dues_base::Column::MemberId.not_in_subquery(
                Query::select()
                    .column(dues_payment::Column::MemberId)
                    .from(dues_payment::Entity)
                    .and_where(dues_payment::Column::Month.gte(from))
                    .and_where(dues_payment::Column::Month.lte(to))
                    .to_owned(),
            ),
        )
        .group_by(dues_base::Column::OrgId)
        .into_tuple()
        .all(c)
        .await?)
}
