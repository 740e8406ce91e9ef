#!/usr/bin/env Rscript
# R's psych::alpha on the complete matrices prepost_alpha.py writes with --matrices, for checking
# that reference by hand (Tests/ImpactAnalysisTests/Fixtures/prepost/README.md).
#
#     Rscript scripts/reference/psych_alpha.R MATRIX_DIR OUT.csv
#
# Writes one row per matrix and item in alpha_items.csv's layout (instrument_id, construct, wave,
# item_id, n, k_items, item_mean, item_sd, r_drop, alpha_if_deleted) plus the scale's alpha and
# Feldt limits: psych's item.stats$mean, $sd, $r.drop, alpha.drop$raw_alpha, total$raw_alpha and
# feldt$lower.ci / $upper.ci. Empty where psych gives no figure (fewer than 2 respondents, an error)
# and `dropped` in r_drop for an item psych leaves out for having no variance.
# Written for R 4.2.2 and psych 2.2.9.
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: psych_alpha.R MATRIX_DIR OUT.csv")
number <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "" else trimws(formatC(x, digits = 17, format = "g"))
rows <- list()
for (path in sort(list.files(args[1], pattern = "\\.csv$", full.names = TRUE))) {
  key <- strsplit(sub("\\.csv$", "", basename(path)), "__", fixed = TRUE)[[1]]
  x <- read.csv(path, check.names = FALSE)
  result <- NULL
  if (nrow(x) >= 2) result <- tryCatch(suppressWarnings(alpha(x, warnings = FALSE)), error = function(e) NULL)
  for (item in colnames(x)) {
    row <- c(instrument_id = key[1], construct = key[2], wave = key[3], item_id = item, n = nrow(x), k_items = ncol(x),
             item_mean = "", item_sd = "", r_drop = "", alpha_if_deleted = "", alpha = "", alpha_ci_low = "", alpha_ci_high = "")
    if (!is.null(result)) {
      row[c("alpha", "alpha_ci_low", "alpha_ci_high")] <- c(number(result$total$raw_alpha), number(result$feldt$lower.ci[[1]]),
                                                            number(result$feldt$upper.ci[[1]]))
      if (item %in% rownames(result$item.stats)) {
        stats <- result$item.stats[item, ]
        row[c("item_mean", "item_sd", "r_drop", "alpha_if_deleted")] <- c(number(stats$mean), number(stats$sd),
          number(stats$r.drop), number(result$alpha.drop[item, "raw_alpha"]))
      } else {
        row["r_drop"] <- "dropped"
      }
    }
    rows[[length(rows) + 1]] <- row
  }
}
write.csv(do.call(rbind, rows), args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("wrote %s (R %s, psych %s)\n", args[2], getRversion(), packageVersion("psych")), file = stderr())
