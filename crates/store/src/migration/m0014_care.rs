//! Care and pairing (RULES.md §10, §8): members registered in difficulty, visits planned and
//! made, strong-helps-weak pairs and their contacts, and the contacts of members with the
//! households linked to them (联户).

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CareDifficulties {
    Table,
    Id,
    MemberId,
    PersonName,
    OrgPath,
    Kind,
    Note,
    RegisteredOn,
    ClosedOn,
    ClosedNote,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CareVisits {
    Table,
    Id,
    MemberId,
    PersonName,
    OrgPath,
    Occasion,
    PlannedOn,
    VisitedOn,
    Visitors,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CarePairs {
    Table,
    Id,
    OrgId,
    OrgPath,
    HelperId,
    HelperPersonId,
    HelperName,
    HelpedId,
    HelpedName,
    Goal,
    StartsOn,
    EndsOn,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CarePairContacts {
    Table,
    Id,
    PairId,
    ContactedOn,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum HouseholdContacts {
    Table,
    Id,
    MemberId,
    HouseholdId,
    OrgPath,
    ContactedOn,
    Kind,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Households {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use CareDifficulties as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(uuid(D::Id).primary_key())
                .col(uuid(D::MemberId))
                .col(string_len(D::PersonName, 50))
                .col(path_col(m, D::OrgPath))
                .col(string_len(D::Kind, 16))
                .col(text(D::Note))
                .col(date(D::RegisteredOn))
                .col(date_null(D::ClosedOn))
                .col(text(D::ClosedNote))
                .col(string_len(D::RecordedBy, 100))
                .col(timestamp_with_time_zone(D::RecordedAt))
                .foreign_key(&mut fk("fk_care_difficulties_member", (D::Table, D::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_care_difficulties_org_path", D::Table, [D::OrgPath], false)).await?;
        m.create_index(index("ix_care_difficulties_member_id", D::Table, [D::MemberId], false)).await?;

        use CareVisits as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::Id).primary_key())
                .col(uuid(V::MemberId))
                .col(string_len(V::PersonName, 50))
                .col(path_col(m, V::OrgPath))
                .col(string_len(V::Occasion, 20))
                .col(date(V::PlannedOn))
                .col(date_null(V::VisitedOn))
                .col(string_len(V::Visitors, 100))
                .col(text(V::Note))
                .col(string_len(V::RecordedBy, 100))
                .col(timestamp_with_time_zone(V::RecordedAt))
                .foreign_key(&mut fk("fk_care_visits_member", (V::Table, V::MemberId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_care_visits_org_path_planned_on", V::Table, [V::OrgPath, V::PlannedOn], false)).await?;
        m.create_index(index("ix_care_visits_member_id", V::Table, [V::MemberId], false)).await?;

        use CarePairs as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(uuid(P::OrgId))
                .col(path_col(m, P::OrgPath))
                .col(uuid(P::HelperId))
                .col(uuid(P::HelperPersonId))
                .col(string_len(P::HelperName, 50))
                .col(uuid(P::HelpedId))
                .col(string_len(P::HelpedName, 50))
                .col(text(P::Goal))
                .col(date(P::StartsOn))
                .col(date(P::EndsOn))
                .col(string_len(P::RecordedBy, 100))
                .col(timestamp_with_time_zone(P::RecordedAt))
                .foreign_key(&mut fk("fk_care_pairs_org", (P::Table, P::OrgId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk("fk_care_pairs_helper", (P::Table, P::HelperId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_care_pairs_helped", (P::Table, P::HelpedId), (Members::Table, Members::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_care_pairs_org_path", P::Table, [P::OrgPath], false)).await?;
        m.create_index(index("ix_care_pairs_helper_person_id", P::Table, [P::HelperPersonId], false)).await?;

        use CarePairContacts as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(uuid(C::Id).primary_key())
                .col(uuid(C::PairId))
                .col(date(C::ContactedOn))
                .col(text(C::Note))
                .col(string_len(C::RecordedBy, 100))
                .col(timestamp_with_time_zone(C::RecordedAt))
                .foreign_key(&mut fk("fk_care_pair_contacts_pair", (C::Table, C::PairId), (P::Table, P::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_care_pair_contacts_pair_id", C::Table, [C::PairId], false)).await?;

        use HouseholdContacts as H;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(uuid(H::Id).primary_key())
                .col(uuid(H::MemberId))
                .col(uuid(H::HouseholdId))
                .col(path_col(m, H::OrgPath))
                .col(date(H::ContactedOn))
                .col(string_len(H::Kind, 16))
                .col(text(H::Note))
                .col(string_len(H::RecordedBy, 100))
                .col(timestamp_with_time_zone(H::RecordedAt))
                .foreign_key(&mut fk("fk_household_contacts_member", (H::Table, H::MemberId), (Members::Table, Members::Id)))
                .foreign_key(&mut fk("fk_household_contacts_household", (H::Table, H::HouseholdId), (Households::Table, Households::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_household_contacts_member_household_on", H::Table, [H::MemberId, H::HouseholdId, H::ContactedOn], false))
            .await?;
        m.create_index(index("ix_household_contacts_org_path_on", H::Table, [H::OrgPath, H::ContactedOn], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            HouseholdContacts::Table.into_iden(),
            CarePairContacts::Table.into_iden(),
            CarePairs::Table.into_iden(),
            CareVisits::Table.into_iden(),
            CareDifficulties::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
