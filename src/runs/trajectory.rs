//! The trajectory of a run as a table (the export-csv button): the records its run keeps for the
//! charts, with the present moment as the last row. `widget::export` writes it as CSV.

/// Column names and rows; every number finite.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

impl Trajectory {
    /// Picks `pick` (indices into a record of `width`) from each record and from `now`, the
    /// present moment, which ends the table when it is later than the last record. Rows with a
    /// non-finite number (a run that blew up) are left out.
    pub fn table(columns: &[&str], records: &[f64], width: usize, pick: &[usize], now: Option<&[f64]>) -> Trajectory {
        let mut rows: Vec<Vec<f64>> =
            records.chunks_exact(width).map(|r| pick.iter().map(|&i| r[i]).collect()).collect();
        if let Some(now) = now {
            let last = records.len().checked_sub(width).map(|i| records[i]);
            if last.is_none_or(|t| now[0] > t) {
                rows.push(pick.iter().map(|&i| now[i]).collect());
            }
        }
        rows.retain(|r| r.iter().all(|v| v.is_finite()));
        Trajectory { columns: columns.iter().map(|c| c.to_string()).collect(), rows }
    }

    /// Records of the readouts as they are (`names` as columns, `wrong-bits` → `wrong_bits`),
    /// ending at `readouts`.
    pub fn of_readouts(names: &[&str], records: &[f64], readouts: &[f64]) -> Trajectory {
        let columns: Vec<String> = names.iter().map(|n| n.replace('-', "_")).collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        let all: Vec<usize> = (0..columns.len()).collect();
        Trajectory::table(&columns, records, all.len(), &all, Some(readouts))
    }
}
