//! Group commit for intake. Filings that arrive together are written in one transaction with a
//! few multi-row statements, instead of one transaction of a dozen statements each: a filing
//! joins the queue, then waits for the writer's turn; whoever gets the turn writes everything
//! queued (its own filing, or others' that arrived meanwhile) and answers each. A caller is
//! answered only after the transaction holding its filing committed. A group that fails is
//! written again one filing at a time, so one bad filing fails alone.

use std::sync::Mutex;

use lianxin_store::{Db, appeals as store};
use tokio::sync::oneshot;

use super::Appeal;
use crate::{AppError, Result, journal};

/// Filings per transaction at most.
const MAX_GROUP: usize = 256;

/// Everything one filing writes.
#[derive(Clone, Debug)]
pub(crate) struct Filing {
    pub appeal: Appeal,
    pub event: store::Event,
    pub photos: Vec<store::Photo>,
    pub inbox: Vec<lianxin_store::notify::InboxMessage>,
    pub outbox: Vec<lianxin_store::notify::OutboxMessage>,
    pub audit: journal::Pending,
}

type Waiting = (Filing, oneshot::Sender<Result<()>>);

/// The queue and the writer's turn, one per process (in [`crate::App`]).
#[derive(Default)]
pub struct Committer {
    queue: Mutex<Vec<Waiting>>,
    turn: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Committer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Committer")
    }
}

/// Writes `filing` with whatever else is waiting; returns once it is committed (or failed).
pub(crate) async fn file(db: &Db, committer: &std::sync::Arc<Committer>, filing: Filing) -> Result<()> {
    let (answer, mut answered) = oneshot::channel();
    committer.queue.lock().unwrap_or_else(|e| e.into_inner()).push((filing, answer));
    let not_written = || AppError::internal("the filing was not written");
    // Whoever wrote the filing answers it: a caller whose filing went with someone else's group
    // stops waiting for the turn at once (waiting on would answer the callers one write apart).
    tokio::select! {
        biased;
        done = &mut answered => return done.unwrap_or_else(|_| Err(not_written())),
        _turn = committer.turn.lock() => {
            let group = std::mem::take(&mut *committer.queue.lock().unwrap_or_else(|e| e.into_inner()));
            if !group.is_empty() {
                // Written by a task of its own: a caller who goes away mid-write (a closed
                // connection) must not cancel the others' filings.
                let db = db.clone();
                let _ = tokio::spawn(async move { write_group(&db, group).await }).await;
            }
        }
    }
    answered.await.unwrap_or_else(|_| Err(not_written()))
}

async fn write_group(db: &Db, group: Vec<Waiting>) {
    let mut group = group;
    while !group.is_empty() {
        let rest = group.split_off(group.len().min(MAX_GROUP));
        let (filings, answers): (Vec<Filing>, Vec<_>) = std::mem::replace(&mut group, rest).into_iter().unzip();
        let started = std::time::Instant::now();
        let written = write(db, &filings).await;
        tracing::debug!(
            filings = filings.len(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            ok = written.is_ok(),
            "intake group written"
        );
        match written {
            Ok(()) => answers.into_iter().for_each(|a| drop(a.send(Ok(())))),
            Err(e) if filings.len() == 1 => {
                if let Some(a) = answers.into_iter().next() {
                    let _ = a.send(Err(e));
                }
            }
            Err(_) => {
                for (f, a) in filings.into_iter().zip(answers) {
                    let _ = a.send(write(db, std::slice::from_ref(&f)).await);
                }
            }
        }
    }
}

async fn write(db: &Db, filings: &[Filing]) -> Result<()> {
    let tx = db.write().await?;
    let appeals = filings.iter().map(|f| f.appeal.clone()).collect();
    // A tracking code collision (1 in 32^10): ask the caller to send again.
    store::insert_many(&tx, appeals).await.map_err(AppError::on_unique("uq_appeals_code", "code", "error-try-again"))?;
    store::insert_events(&tx, filings.iter().map(|f| f.event.clone()).collect()).await?;
    store::insert_photos(&tx, filings.iter().flat_map(|f| f.photos.iter().cloned()).collect()).await?;
    lianxin_store::notify::insert_inbox(&tx, filings.iter().flat_map(|f| f.inbox.iter().cloned()).collect()).await?;
    lianxin_store::notify::insert_outbox(&tx, filings.iter().flat_map(|f| f.outbox.iter().cloned()).collect()).await?;
    let entries: Vec<journal::Pending> = filings.iter().map(|f| f.audit.clone()).collect();
    journal::record_many(&tx, &entries).await?;
    tx.commit().await?;
    Ok(())
}
