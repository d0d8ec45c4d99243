//! The stages of an election around its vote (RULES.md §2, §3): public recommendation (the
//! nominees and the recommendation ballots counted by members and by villagers), paper rounds
//! counted by two tellers, the secretary and deputy chosen by the new committee, the report to
//! the level above and its approval, and the notices of terms that ended without an election.

use sea_orm_migration::{prelude::*, schema::*};

use super::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Elections {
    Table,
    Id,
    Secretary,
    Deputy,
    RecMemberBallots,
    RecVillagerBallots,
    ReportedOn,
    ApprovedOn,
    ApprovedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionNominees {
    Table,
    ElectionId,
    Name,
    PersonId,
    How,
    MemberVotes,
    VillagerVotes,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionTellerCounts {
    Table,
    ElectionId,
    Round,
    Slot,
    Teller,
    Counts,
    EnteredBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionTermNotices {
    Table,
    OrgId,
    PlannedEnd,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Elections as E;
        // One column a statement: SQLite adds one at a time.
        for col in [
            string_len_null(E::Secretary, 50),
            string_len_null(E::Deputy, 50),
            integer(E::RecMemberBallots).default(0).to_owned(),
            integer(E::RecVillagerBallots).default(0).to_owned(),
            date_null(E::ReportedOn),
            date_null(E::ApprovedOn),
            string_len_null(E::ApprovedBy, 100),
        ] {
            m.alter_table(Table::alter().table(E::Table).add_column(col).to_owned()).await?;
        }
        use ElectionNominees as N;
        m.create_table(
            Table::create()
                .table(N::Table)
                .col(uuid(N::ElectionId))
                .col(string_len(N::Name, 50))
                .col(uuid_null(N::PersonId))
                .col(string_len(N::How, 20))
                .col(integer(N::MemberVotes))
                .col(integer(N::VillagerVotes))
                .primary_key(Index::create().col(N::ElectionId).col(N::Name))
                .foreign_key(&mut fk("fk_election_nominees_election", (N::Table, N::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        use ElectionTellerCounts as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::ElectionId))
                .col(integer(T::Round))
                .col(integer(T::Slot))
                .col(string_len(T::Teller, 50))
                .col(text(T::Counts))
                .col(string_len(T::EnteredBy, 100))
                .primary_key(Index::create().col(T::ElectionId).col(T::Round).col(T::Slot))
                .foreign_key(&mut fk("fk_election_teller_counts_election", (T::Table, T::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        use ElectionTermNotices as K;
        m.create_table(
            Table::create()
                .table(K::Table)
                .col(uuid(K::OrgId))
                .col(date(K::PlannedEnd))
                .primary_key(Index::create().col(K::OrgId).col(K::PlannedEnd))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [ElectionTermNotices::Table.into_iden(), ElectionTellerCounts::Table.into_iden(), ElectionNominees::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        use Elections as E;
        for c in [E::ApprovedBy, E::ApprovedOn, E::ReportedOn, E::RecVillagerBallots, E::RecMemberBallots, E::Deputy, E::Secretary] {
            m.alter_table(Table::alter().table(E::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
