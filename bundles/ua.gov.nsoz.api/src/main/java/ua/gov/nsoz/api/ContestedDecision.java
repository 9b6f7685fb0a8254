package ua.gov.nsoz.api;

import java.time.LocalDate;

/**
 * The decision a complaint contests, with the two dates its term to complain runs from (Law "On citizens'
 * appeals", Art. 17): at most one year from the decision, and at most one month from the day the applicant
 * learned of it. Either date may be unknown.
 *
 * @param decidedOn the day the contested decision was taken, or {@code null}
 * @param learnedOn the day the applicant learned of it, or {@code null}
 */
public record ContestedDecision(LocalDate decidedOn, LocalDate learnedOn) {

    /** @return whether neither date is known */
    public boolean hasNoDate() {
        return decidedOn == null && learnedOn == null;
    }
}
