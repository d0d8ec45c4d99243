//! Photos are kept as two copies: `data` becomes the copy to look at (at most 1 280 px) and
//! `thumb` the thumbnail for lists, each with the size it shows at so pages can set width and
//! height. Photos stored before keep `thumb` empty and are shown from `data`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AppealPhotos {
    Table,
    Width,
    Height,
    Thumb,
    ThumbWidth,
    ThumbHeight,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [integer_null(AppealPhotos::Width), integer_null(AppealPhotos::Height), blob_null(AppealPhotos::Thumb)] {
            m.alter_table(Table::alter().table(AppealPhotos::Table).add_column(col).to_owned()).await?;
        }
        for col in [integer_null(AppealPhotos::ThumbWidth), integer_null(AppealPhotos::ThumbHeight)] {
            m.alter_table(Table::alter().table(AppealPhotos::Table).add_column(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [AppealPhotos::ThumbHeight, AppealPhotos::ThumbWidth, AppealPhotos::Thumb, AppealPhotos::Height, AppealPhotos::Width] {
            m.alter_table(Table::alter().table(AppealPhotos::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
