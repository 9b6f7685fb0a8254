package ua.gov.nsoz.example.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import ua.gov.nsoz.api.reference.BodyKind;

/**
 * Configuration of {@link DamagedHousingRule}, PID {@code ua.gov.nsoz.example.rules}. Every key has a default,
 * so the rule works with no configuration at all.
 *
 * <p>Word lists: a typed value ({@code ["руйн", "пошкод"]}) or, in a plain {@code .cfg} file, one string with
 * the words separated by commas ({@code руйн, пошкод}); both are read the same way. A word is a stem matched
 * anywhere in the text, case-insensitively: {@code пошкод} finds «пошкоджено», «пошкодження», «пошкодило».
 */
@ObjectClassDefinition(name = "NSOZ example rule: damaged housing",
        description = "Appeals about damaged or destroyed housing go to the regional state administration of the "
                + "appeal's region")
public @interface DamagedHousingConfig {

    /** @return stems of words that mean damage or destruction */
    @AttributeDefinition(name = "Damage words",
            description = "Stems meaning damage or destruction; the text must contain one of them and one housing word")
    String[] damageWords() default {"руйн", "пошкод", "знищ"};

    /** @return stems of words that mean housing */
    @AttributeDefinition(name = "Housing words",
            description = "Stems meaning housing; the text must contain one of them and one damage word")
    String[] housingWords() default {"житл", "будин", "квартир"};

    /** @return classifier topic codes that by themselves make the rule apply */
    @AttributeDefinition(name = "Topic codes",
            description = "Topic codes that make the rule apply whatever the text says, sub-topics included; "
                    + "010.02 is 'Restoration of damaged housing' in the shipped dataset")
    String[] topicCodes() default {"010.02"};

    /** @return the kind of body the appeal goes to; it must be a kind that serves one region */
    @AttributeDefinition(name = "Target body kind",
            description = "Kind of body, in the appeal's region, that receives the appeal; the rule applies only "
                    + "when the region has exactly one body of this kind")
    BodyKind targetKind() default BodyKind.REGIONAL_ADMINISTRATION;

    /**
     * @return the rule's place among the integrators' rules, higher first; the method name maps to the
     *         property {@code service.ranking}
     */
    @AttributeDefinition(name = "Service ranking",
            description = "Order among integrator rules, higher first. In a .cfg file it must be typed "
                    + "(service.ranking = I\"200\", and then every value in the file typed), or OSGi reads it as 0")
    int service_ranking() default DamagedHousingRule.DEFAULT_RANKING;
}
