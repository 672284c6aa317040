//! The kinds of organisation a leader may lead, and which of them are in the voluntary and
//! community sector.

crate::vocabulary::vocabulary! {
    /// In the order a form lists them: the sector's own forms first.
    OrganisationType {
        RegisteredCharity => ("registered-charity", "Registered charity"),
        CharitableIncorporatedOrganisation => ("charitable-incorporated-organisation", "Charitable incorporated organisation (CIO)"),
        CharitableCompany => ("charitable-company", "Charitable company"),
        CommunityInterestCompany => ("community-interest-company", "Community interest company (CIC)"),
        CommunityOrVoluntaryGroup => ("community-or-voluntary-group", "Community or voluntary group"),
        SocialEnterprise => ("social-enterprise", "Social enterprise"),
        PublicBody => ("public-body", "Public body"),
        PrivateCompany => ("private-company", "Private company"),
    }
}

impl OrganisationType {
    /// The label as it reads mid-sentence ("a registered charity").
    pub const fn name_in_a_sentence(self) -> &'static str {
        match self {
            OrganisationType::RegisteredCharity => "registered charity",
            OrganisationType::CharitableIncorporatedOrganisation => {
                "charitable incorporated organisation (CIO)"
            }
            OrganisationType::CharitableCompany => "charitable company",
            OrganisationType::CommunityInterestCompany => "community interest company (CIC)",
            OrganisationType::CommunityOrVoluntaryGroup => "community or voluntary group",
            OrganisationType::SocialEnterprise => "social enterprise",
            OrganisationType::PublicBody => "public body",
            OrganisationType::PrivateCompany => "private company",
        }
    }

    /// A short example shown under the label, for the types people most often mix up.
    pub const fn hint(self) -> Option<&'static str> {
        match self {
            OrganisationType::CharitableCompany => {
                Some("A company limited by guarantee with charitable aims")
            }
            OrganisationType::CommunityOrVoluntaryGroup => Some(
                "Including unregistered groups, such as a peer-support group or residents' association",
            ),
            OrganisationType::PublicBody => {
                Some("For example an NHS trust, a local authority or a school")
            }
            OrganisationType::PrivateCompany => Some("A company run for its owners' profit"),
            _ => None,
        }
    }

    /// Whether this is a voluntary and community sector organisation, which Cascade serves.
    pub const fn is_voluntary_and_community_sector(self) -> bool {
        !matches!(
            self,
            OrganisationType::PublicBody | OrganisationType::PrivateCompany
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for &t in OrganisationType::ALL {
            assert_eq!(OrganisationType::from_slug(t.slug()), Some(t));
        }
        let mut slugs: Vec<_> = OrganisationType::ALL.iter().map(|t| t.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), OrganisationType::ALL.len());
        assert_eq!(OrganisationType::from_slug("charity"), None);
        assert_eq!(OrganisationType::from_slug(""), None);
    }

    #[test]
    fn only_public_bodies_and_private_companies_are_outside_the_sector() {
        use OrganisationType::*;
        for t in [
            RegisteredCharity,
            CharitableIncorporatedOrganisation,
            CharitableCompany,
            CommunityInterestCompany,
            CommunityOrVoluntaryGroup,
            SocialEnterprise,
        ] {
            assert!(t.is_voluntary_and_community_sector(), "{t:?}");
        }
        assert!(!PublicBody.is_voluntary_and_community_sector());
        assert!(!PrivateCompany.is_voluntary_and_community_sector());
    }
}
