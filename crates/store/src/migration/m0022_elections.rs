//! Elections (RULES.md §2, §3): the election with its seats and candidates, the roll of those
//! with a vote (and the permitted exclusions), who has voted in each round, the ballot box, and
//! the hash-chained public board. The box and the roll share nothing but the election and the
//! round: a ballot carries no voter and no time.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index, path_col};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Elections {
    Table,
    Id,
    OrgId,
    OrgPath,
    Title,
    Seats,
    Status,
    Round,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionCandidates {
    Table,
    ElectionId,
    Name,
    PersonId,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionRoll {
    Table,
    ElectionId,
    PersonId,
    PersonName,
    Excluded,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionVoted {
    Table,
    ElectionId,
    Round,
    PersonId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionBallots {
    Table,
    Id,
    ElectionId,
    Round,
    Marks,
    Receipt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ElectionBoard {
    Table,
    ElectionId,
    Seq,
    Payload,
    PrevHash,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Elections as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(uuid(E::Id).primary_key())
                .col(uuid(E::OrgId))
                .col(path_col(m, E::OrgPath))
                .col(string_len(E::Title, 200))
                .col(integer(E::Seats))
                .col(string_len(E::Status, 20))
                .col(integer(E::Round))
                .col(string_len(E::CreatedBy, 100))
                .col(timestamp_with_time_zone(E::CreatedAt))
                .col(timestamp_with_time_zone(E::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_elections_org_path", E::Table, [E::OrgPath, E::CreatedAt], false)).await?;
        use ElectionCandidates as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(uuid(C::ElectionId))
                .col(string_len(C::Name, 50))
                .col(uuid_null(C::PersonId))
                .col(integer(C::Position))
                .primary_key(Index::create().col(C::ElectionId).col(C::Name))
                .foreign_key(&mut fk("fk_election_candidates_election", (C::Table, C::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        use ElectionRoll as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(uuid(R::ElectionId))
                .col(uuid(R::PersonId))
                .col(string_len(R::PersonName, 50))
                .col(string_len_null(R::Excluded, 200))
                .primary_key(Index::create().col(R::ElectionId).col(R::PersonId))
                .foreign_key(&mut fk("fk_election_roll_election", (R::Table, R::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        // Who voted in a round: one row per voter, no time, no ballot. The key refuses a second.
        use ElectionVoted as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::ElectionId))
                .col(integer(V::Round))
                .col(uuid(V::PersonId))
                .primary_key(Index::create().col(V::ElectionId).col(V::Round).col(V::PersonId))
                .foreign_key(&mut fk("fk_election_voted_election", (V::Table, V::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        // The box: a random id, the marks and the receipt; no voter, no time.
        use ElectionBallots as B;
        m.create_table(
            Table::create()
                .table(B::Table)
                .col(uuid(B::Id).primary_key())
                .col(uuid(B::ElectionId))
                .col(integer(B::Round))
                .col(text(B::Marks))
                .col(string_len(B::Receipt, 64))
                .foreign_key(&mut fk("fk_election_ballots_election", (B::Table, B::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_election_ballots_receipt", B::Table, [B::ElectionId, B::Receipt], true)).await?;
        use ElectionBoard as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::ElectionId))
                .col(big_integer(P::Seq))
                .col(text(P::Payload))
                .col(string_len(P::PrevHash, 64))
                .col(string_len(P::Hash, 64))
                .primary_key(Index::create().col(P::ElectionId).col(P::Seq))
                .foreign_key(&mut fk("fk_election_board_election", (P::Table, P::ElectionId), (E::Table, E::Id)))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ElectionBoard::Table.into_iden(),
            ElectionBallots::Table.into_iden(),
            ElectionVoted::Table.into_iden(),
            ElectionRoll::Table.into_iden(),
            ElectionCandidates::Table.into_iden(),
            Elections::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
